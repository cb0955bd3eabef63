// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QMetaObject>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>
#include <memory>
#include <optional>
#include <type_traits>

namespace pw {

// The pool the window's long jobs run on (opening a case, ranking, freeing a replaced case), apart from
// Qt's global pool: the raster paint engine fills large areas in parallel on the global pool and waits for
// its tasks, so a long job holding the global pool's threads froze painting for as long as it ran.
// Owned by the application object (its threads end with it); the global pool when there is none.
QThreadPool *backgroundPool();

// Lowers the calling thread's scheduling priority once (Linux: nice 10 for this thread only; elsewhere
// nothing). Every job on backgroundPool() runs at that priority, so on a machine with fewer free cores than
// runnable threads (a 2-core laptop opening one case while the last one is freed and a ranking is cancelled)
// the GUI thread gets a core when it wakes instead of waiting its turn: bench_eventloop measured up to 18 ms
// of a 49 ms gap with the GUI thread runnable but waiting for a CPU. A job alone on an idle core is not
// slowed.
void lowerWorkerPriority();

// Runs `job` on backgroundPool() at the workers' lower priority; its QFuture, as QtConcurrent::run.
template <typename Job> auto runInBackground(Job &&job) {
    return QtConcurrent::run(backgroundPool(), [job = std::forward<Job>(job)]() mutable {
        lowerWorkerPriority();
        return job();
    });
}

// Drops a reference to large data (a case's JSON tree, its typed case, a prepared case) on a worker thread,
// so that when it is the last one the freeing (a 50 MB case is about a million allocations, ~170 ms) does
// not stall the window. The release is queued behind the event being handled: the holders that the same
// event updates (the document, the inspector, the ranking) have let go of the data by then, so the worker
// holds the last reference. For plain data only (JSON values, model structs, shared_ptrs to them), never
// QObjects or GUI resources. Without an application object the value is dropped at once.
//
// Memory freed on a worker stays with the allocator's arena of that thread, reusable but resident: opening
// the 50 MB case over itself again and again held 920 MB where the live case needs under 300 MB (and each
// open then peaked higher). With ReturnMemory::Yes, for the release of a whole case or prepared case, the
// worker hands the freed memory back to the system once the value is dropped.
enum class ReturnMemory { No, Yes };

// Processes events while `busy()` holds, at most `timeoutMs`; returns !busy(). For waits of tests,
// screenshots and benchmarks: it sleeps between events (woken every 10 ms to look again), where
// processEvents(AllEvents, ms) in a loop spins and took a whole core from the worker being waited for.
bool processEventsWhile(const std::function<bool()> &busy, int timeoutMs);
// Gives the memory the allocator holds free back to the system (glibc; nothing elsewhere). Slow-ish (it
// walks the heap): on workers only, after a large release.
void returnFreedMemory();

template <typename T> void releaseInBackground(T &&value, ReturnMemory giveBack = ReturnMemory::No) {
    auto box = std::make_shared<std::optional<std::decay_t<T>>>(std::forward<T>(value));
    QCoreApplication *app = QCoreApplication::instance();
    if (!app) return;
    QMetaObject::invokeMethod(
        app,
        [box, giveBack] {
            backgroundPool()->start([box, giveBack] {
                lowerWorkerPriority();
                box->reset();
                if (giveBack == ReturnMemory::Yes) returnFreedMemory();
            });
        },
        Qt::QueuedConnection);
}

} // namespace pw
