import Foundation

/// Two threads for one import: one reads the file and builds each row's records,
/// the other (the caller's) writes them, so the second core does the decoding while
/// SQLite writes. Rows go over in batches through a `BoundedQueue`.
final class RowPipeline<Item>: @unchecked Sendable {
    private let queue: BoundedQueue<Item>
    private let done = DispatchSemaphore(value: 0)

    /// Starts `produce` on its own thread; it hands rows to `put` and returns when
    /// the file is read (or `put` returned false: the writer gave up).
    init(capacity: Int = 8, produce: @escaping @Sendable (RowPipeline<Item>) -> Void) {
        queue = BoundedQueue(capacity: capacity)
        let thread = Thread { [self] in
            produce(self)
            queue.finish()
            done.signal()
        }
        // Foundation's default stack for a secondary thread (512 KB) is less than
        // the main thread's.
        thread.stackSize = 8 << 20
        thread.start()
    }

    func put(_ batch: [Item]) -> Bool { queue.put(batch) }

    /// The next batch, in file order; nil when the reader is done and all is taken.
    func take() -> [Item]? { queue.take() }

    /// The writer stops (an error): the reader is told, and this returns once it has
    /// stopped reading the file.
    func cancelAndWait() {
        queue.cancel()
        done.wait()
    }

    /// Waits for the reader's thread to end (after `take` returned nil).
    func wait() { done.wait() }
}
