// SPDX-License-Identifier: MIT
#pragma once

#include "testsupport.h"

#include "casedocument.h"
#include "caseeditor.h"
#include "casepage.h"
#include "mainwindow.h"
#include "offeringsmodel.h"
#include "offeringspage.h"
#include "rankingcontroller.h"

#include <QApplication>
#include <QColor>
#include <QImage>
#include <QLineEdit>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTest>

#include <cstdlib>

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

// Shows `w` as openWindowOnSample does (test clock, 1366×768, unsaved changes discarded) and loads `root`
// into it (validated at once, its ranking started); false when the window is not exposed.
inline bool showWindowWithCase(MainWindow &w, const JsonValue &root) {
    w.setUnsavedAnswerForTests(QMessageBox::Discard);
    w.document()->setNow(fixedNow());
    w.resize(1366, 768);
    w.show();
    if (!QTest::qWaitForWindowExposed(&w)) return false;
    w.document()->load(root, QString());
    return true;
}

// Whether an image (a widget or a table cell as drawn) has a frame of `color`: in most rows of its
// middle half, a pixel of that colour (give or take anti-aliasing) within 2 px of both the left and the
// right edge.
inline bool framedWith(const QImage &img, const QColor &color) {
    auto near = [&](QRgb p) {
        return std::abs(qRed(p) - color.red()) < 40 && std::abs(qGreen(p) - color.green()) < 40 &&
               std::abs(qBlue(p) - color.blue()) < 40;
    };
    int rows = 0, framed = 0;
    for (int y = img.height() / 4; y < img.height() * 3 / 4; ++y, ++rows) {
        bool left = false, right = false;
        for (int x = 0; x < 3 && x < img.width(); ++x) {
            left = left || near(img.pixel(x, y));
            right = right || near(img.pixel(img.width() - 1 - x, y));
        }
        framed += left && right ? 1 : 0;
    }
    return rows > 0 && framed * 2 > rows;
}

// A port on 127.0.0.1 nobody listens on (a server that is not there).
inline int closedPort() {
    QTcpServer s;
    if (!s.listen(QHostAddress::LocalHost)) return 1;
    const int port = s.serverPort();
    s.close();
    return port;
}

// Focuses a line edit, replaces its text by typing, and leaves it with Tab, as a person would.
inline void typeAndTab(QLineEdit *e, const QString &text) {
    e->setFocus();
    e->selectAll();
    QTest::keyClick(e, Qt::Key_Delete);
    QTest::keyClicks(e, text);
    QTest::keyClick(e, Qt::Key_Tab);
}

// Types `text` into the offering table's cell of `row` and column `key`, as a person does (F2, the text
// replaced, Return).
inline void typeIntoOfferingCell(MainWindow &w, int row, const QString &key, const QString &text) {
    w.caseEditor()->showSection(CaseEditor::Offerings);
    auto *view = w.findChild<QTableView *>(QStringLiteral("offeringsTable"));
    QVERIFY(view);
    OfferingsModel *om = w.caseEditor()->offeringsPage()->model();
    auto *proxy = qobject_cast<QSortFilterProxyModel *>(view->model());
    view->setFocus();
    view->setCurrentIndex(proxy->mapFromSource(om->index(row, om->columnOf(key))));
    QTest::keyClick(view, Qt::Key_F2);
    QWidget *editor = QApplication::focusWidget();
    QVERIFY(editor && editor != view);
    if (auto *e = qobject_cast<QLineEdit *>(editor)) e->selectAll();
    QTest::keyClick(editor, Qt::Key_Delete);
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
}

// The field named `name` ("field_annual_premium") of the current home policy, its section shown.
inline QLineEdit *currentHomeField(MainWindow &w, const QString &name) {
    w.caseEditor()->showSection(CaseEditor::Current);
    QWidget *page = w.caseEditor()->page(CaseEditor::Current);
    if (auto *tabs = page->findChild<QTabWidget *>(QStringLiteral("currentCoverageTabs"))) {
        tabs->setCurrentIndex(0);
        page = tabs->widget(0);
    }
    return page->findChild<QLineEdit *>(name);
}

} // namespace pw::test
