// SPDX-License-Identifier: MIT
#include "backgroundwork.h"

#include <QPointer>

#include <algorithm>

#ifdef __GLIBC__
#include <malloc.h>
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

void returnFreedMemory() {
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

} // namespace pw
