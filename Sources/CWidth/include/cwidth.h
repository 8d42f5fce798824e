#ifndef CWIDTH_H
#define CWIDTH_H
// glibc declares wcwidth only under _XOPEN_SOURCE, which Swift's Glibc module
// does not define; this one function is all Atlas needs from it.
int crossroads_wcwidth(unsigned int codepoint);
#endif
