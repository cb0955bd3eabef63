// SPDX-License-Identifier: MIT
#include "backgroundwork.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

#include <algorithm>

#ifdef __GLIBC__
#include <malloc.h>
#endif
#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace pw {

QThreadPool *backgroundPool() {
    static QPointer<QThreadPool> pool;
    QCoreApplication *app = QCoreApplication::instance();
    if (!app) return QThreadPool::globalInstance();
    if (!pool) {
        pool = new QThreadPool(app);
        pool->setObjectName(QStringLiteral("backgroundPool"));
        // One more than the cores: freeing a replaced case never waits behind an open and a ranking.
        pool->setMaxThreadCount(std::max(2, QThread::idealThreadCount()) + 1);
    }
    return pool;
}

void lowerWorkerPriority() {
#ifdef Q_OS_LINUX
    thread_local bool lowered = false;
    if (lowered) return;
    lowered = true;
    // On Linux the nice value belongs to the thread (setpriority(2), "BUGS"); raising it needs no privilege.
    // A failure leaves the thread at the normal priority: slower to yield, never wrong.
    const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
    const int now = ::getpriority(PRIO_PROCESS, tid);
    if (now < 10) (void)::setpriority(PRIO_PROCESS, tid, 10);
#endif
}

bool processEventsWhile(const std::function<bool()> &busy, int timeoutMs) {
    QElapsedTimer clock;
    clock.start();
    QTimer tick; // wakes the wait below to look at `busy` again
    tick.setInterval(10);
    tick.start();
    while (busy() && clock.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    return !busy();
}

void returnFreedMemory() {
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

} // namespace pw
