import Foundation

/// Two threads for one import: one reads the file and builds each row's records,
/// the other (the caller's) writes them, so the second core does the decoding while
/// SQLite writes. Batches of rows go through a queue of a few batches: when the
/// writer falls behind the reader waits, so memory stays flat whatever the file's
/// size.
final class RowPipeline<Item>: @unchecked Sendable {
    private let condition = NSCondition()
    private var batches: [[Item]] = []
    private let capacity: Int
    private var finished = false
    private var cancelled = false
    private let done = DispatchSemaphore(value: 0)

    /// Starts `produce` on its own thread; it hands rows to `put` and returns when
    /// the file is read (or `put` returned false: the writer gave up).
    init(capacity: Int = 8, produce: @escaping @Sendable (RowPipeline<Item>) -> Void) {
        self.capacity = capacity
        let thread = Thread { [self] in
            produce(self)
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
            done.signal()
        }
        // Row decoding recurses nowhere deep, but Foundation's default for a
        // secondary thread (512 KB) is less than the main thread's.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Hands over a batch; waits while the queue is full. False when the writer has
    /// stopped, so the reader stops too.
    func put(_ batch: [Item]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    /// The next batch, in file order; nil when the reader is done and all is taken.
    func take() -> [Item]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !finished { condition.wait() }
        if batches.isEmpty { return nil }
        let batch = batches.removeFirst()
        condition.broadcast()
        return batch
    }

    /// The writer stops (an error): the reader is told, and this returns once it has
    /// stopped reading the file, which the caller may then unmap.
    func cancelAndWait() {
        condition.lock()
        cancelled = true
        batches.removeAll()
        condition.broadcast()
        condition.unlock()
        done.wait()
    }

    /// Waits for the reader's thread to end (after `take` returned nil).
    func wait() { done.wait() }
}
