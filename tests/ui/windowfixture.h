// SPDX-License-Identifier: MIT
#pragma once

#include "testsupport.h"

#include "casedocument.h"
#include "mainwindow.h"
#include "rankingcontroller.h"

#include <QMessageBox>
#include <QTest>

namespace pw::test {

// The window the GUI tests drive: a sample case open on the test clock, shown at 1366×768, active (so
// shortcuts reach it), its first ranking done; unsaved-changes questions answered "discard". Null when
// any step fails.
inline MainWindow *openWindowOnSample(const QString &sample = QStringLiteral("brooklyn-household.json")) {
    auto *w = new MainWindow;
    w->setUnsavedAnswerForTests(QMessageBox::Discard);
    w->document()->setNow(fixedNow());
    w->resize(1366, 768);
    if (!w->openSample(sample)) {
        delete w;
        return nullptr;
    }
    w->show();
    w->activateWindow();
    if (!QTest::qWaitForWindowActive(w) || !w->ranking()->waitForIdle(10000)) {
        delete w;
        return nullptr;
    }
    return w;
}

} // namespace pw::test
