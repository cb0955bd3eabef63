// SPDX-License-Identifier: MIT
// The rough edges around the results: English counts, a Results menu that names its tabs, status messages
// beside (never over) the case summary, a first window that fits the screen, an Undo button that keeps its
// width, an empty-state banner that says its message once across its width, chart axes that read as
// money, the Remote tab built before it is shown and its key badge and status kept true, and Help pages
// generated from the profile and the actions.
#include "fakenexioserver.h"
#include "windowfixture.h"

#include "casedocument.h"
#include "costchart.h"
#include "engine/profile.h"
#include "helpcontent.h"
#include "mainwindow.h"
#include "rankingcontroller.h"
#include "remote/remotesettingswidget.h"
#include "remote/remotetab.h"
#include "remote/runmonitorwidget.h"
#include "resultspanel.h"
#include "store/memorysecretstore.h"
#include "windowfit.h"

#include <QAction>
#include <QCategoryAxis>
#include <QChart>
#include <QDockWidget>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPolarChart>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QToolBar>
#include <QToolButton>
#include <QValueAxis>

using namespace pw;

class TestWindowChrome : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void problemCountsInEnglish_data();
    void problemCountsInEnglish();
    void resultsMenuNamesItsTabs();
    void messagesBesideTheSummary();
    void firstWindowFitsTheScreen_data();
    void firstWindowFitsTheScreen();
    void undoKeepsItsWidth();
    void emptyStateBannerReadsOnce();
    void costAxisInRoundMoney_data();
    void costAxisInRoundMoney();
    void radarHasRoom();
    void remoteTabScreenshotShowsIt();
    void remoteBadgeFollowsTheSavedKey();
    void stopWatchingUpdatesTheStatus();
    void readingTheResultsFromTheProfile();
    void shortcutSheetFromTheActions();

private:
    MainWindow *m_w = nullptr;
    QTemporaryDir m_data;
    template <typename T> T *child(const char *name) const {
        T *w = m_w->findChild<T *>(QString::fromLatin1(name));
        if (!w) qFatal("no widget %s", name);
        return w;
    }
};

void TestWindowChrome::initTestCase() {
    // The Remote tab's run store lives here, not in the user's data folder.
    qputenv("PLACEMENT_WORKBENCH_DATA_DIR", m_data.path().toUtf8());
}

void TestWindowChrome::init() {
    m_w = test::openWindowOnSample();
    QVERIFY(m_w);
}

void TestWindowChrome::cleanup() {
    delete m_w;
    m_w = nullptr;
}

void TestWindowChrome::problemCountsInEnglish_data() {
    QTest::addColumn<QByteArray>("extra"); // members added to the Brooklyn input
    QTest::addColumn<QString>("title");
    // Brooklyn has two warnings (an expired quote, a renters offering).
    QTest::newRow("0 errors, 2 warnings") << QByteArray() << "Problems (0 errors, 2 warnings)";
    QTest::newRow("1 error, 2 warnings") << QByteArray("appetite_bucket") << "Problems (1 error, 2 warnings)";
}

void TestWindowChrome::problemCountsInEnglish() {
    QFETCH(QByteArray, extra);
    QFETCH(QString, title);
    if (!extra.isEmpty())
        m_w->document()->setValue(QStringLiteral("input.appetite_bucket"), JsonValue(QStringLiteral("bold")),
                                  QStringLiteral("test"));
    const QString dock = child<QDockWidget>("problemsDock")->windowTitle();
    QVERIFY2(dock.startsWith(title + QStringLiteral(" — ")), qPrintable(dock));
}

void TestWindowChrome::resultsMenuNamesItsTabs() {
    QTabWidget *tabs = m_w->results()->tabs();
    QCOMPARE(tabs->count(), 4);
    for (int i = 0; i < 4; ++i) {
        auto *a = m_w->findChild<QAction *>(QStringLiteral("actionResultTab%1").arg(i + 1));
        QVERIFY(a);
        QCOMPARE(a->text(), tabs->tabText(i));
        QCOMPARE(a->shortcut(), QKeySequence(Qt::CTRL | Qt::ALT | (Qt::Key_1 + i)));
    }
    QCOMPARE(m_w->findChild<QAction *>(QStringLiteral("actionResultTab2"))->text(),
             QStringLiteral("Compare"));
}

void TestWindowChrome::messagesBesideTheSummary() {
    auto *summary = child<QLabel>("statusSummary");
    const QString before = summary->text();
    // Through the window and straight through the status bar alike.
    m_w->showMessage(QStringLiteral("Opened brooklyn-household.json"));
    m_w->statusBar()->showMessage(
        QStringLiteral("Saved /tmp/a-very-long-folder-name/brooklyn-household.json"), 6000);
    QApplication::processEvents();
    auto *message = child<QLabel>("statusMessage");
    QCOMPARE(message->text(), QStringLiteral("Saved /tmp/a-very-long-folder-name/brooklyn-household.json"));
    QVERIFY(m_w->statusBar()->currentMessage().isEmpty()); // nothing drawn over the widgets
    QVERIFY(summary->isVisible() && message->isVisible());
    QCOMPARE(summary->text(), before);
    const QRect s(summary->mapTo(m_w, QPoint(0, 0)), summary->size());
    const QRect m(message->mapTo(m_w, QPoint(0, 0)), message->size());
    QVERIFY2(!s.intersects(m), qPrintable(QStringLiteral("%1 %2").arg(s.right()).arg(m.left())));
}

void TestWindowChrome::firstWindowFitsTheScreen_data() {
    QTest::addColumn<QRect>("available");
    QTest::addColumn<QMargins>("frame");
    QTest::newRow("1366x768, panel at the bottom") << QRect(0, 0, 1366, 728) << QMargins(4, 32, 4, 4);
    QTest::newRow("1366x768, panel at the top") << QRect(0, 27, 1366, 741) << QMargins(1, 24, 1, 1);
    QTest::newRow("1920x1080") << QRect(0, 0, 1920, 1040) << QMargins(4, 32, 4, 4);
    QTest::newRow("1280x720") << QRect(0, 0, 1280, 720) << QMargins(0, 30, 0, 0);
}

void TestWindowChrome::firstWindowFitsTheScreen() {
    QFETCH(QRect, available);
    QFETCH(QMargins, frame);
    const QRect client = fitWindowGeometry(available, QSize(1366, 768), frame);
    const QRect outer = client.marginsAdded(frame);
    QVERIFY2(available.contains(outer), qPrintable(QStringLiteral("%1,%2 %3x%4")
                                                       .arg(outer.x())
                                                       .arg(outer.y())
                                                       .arg(outer.width())
                                                       .arg(outer.height())));
    // As large as allowed: 1366×768 when it fits, the available room when it does not.
    QCOMPARE(client.width(), std::min(1366, available.width() - frame.left() - frame.right()));
    QCOMPARE(client.height(), std::min(768, available.height() - frame.top() - frame.bottom()));
    // A window opened for the first time fits the screen it opens on (the offscreen screen is 800×600),
    // its status bar included.
    MainWindow fresh;
    const QRect screen = fresh.screen()->availableGeometry();
    QVERIFY2(screen.contains(fresh.geometry()), qPrintable(QStringLiteral("%1x%2 on %3x%4")
                                                               .arg(fresh.width())
                                                               .arg(fresh.height())
                                                               .arg(screen.width())
                                                               .arg(screen.height())));
}

void TestWindowChrome::undoKeepsItsWidth() {
    auto *toolbar = child<QToolBar>("mainToolbar");
    auto *undo = qobject_cast<QToolButton *>(toolbar->widgetForAction(child<QAction>("actionUndo")));
    QVERIFY(undo);
    const int width = undo->sizeHint().width();
    const QPoint appetite = child<QWidget>("appetiteCombo")->pos();
    m_w->setAppetite(QStringLiteral("simplicity"));
    QApplication::processEvents();
    QCOMPARE(undo->text(), QStringLiteral("Undo"));
    QCOMPARE(undo->sizeHint().width(), width);
    QCOMPARE(child<QWidget>("appetiteCombo")->pos(), appetite);
    QVERIFY(undo->isEnabled());
    QCOMPARE(child<QAction>("actionUndo")->toolTip(), QStringLiteral("Undo Change appetite to simplicity"));
    child<QAction>("actionUndo")->trigger();
    QCOMPARE(m_w->document()->value(QStringLiteral("input.appetite_bucket")).toString(),
             QStringLiteral("balanced"));
    QCOMPARE(child<QAction>("actionRedo")->toolTip(), QStringLiteral("Redo Change appetite to simplicity"));
}

void TestWindowChrome::emptyStateBannerReadsOnce() {
    QVERIFY(m_w->openSample(QStringLiteral("seed-job.json")));
    QVERIFY(m_w->ranking()->waitForIdle(10000));
    QApplication::processEvents();
    auto *banner = child<QLabel>("resultsBanner");
    const QString text = banner->text();
    QCOMPARE(text.count(QStringLiteral("eligible offering"), Qt::CaseInsensitive), 1);
    QCOMPARE(text.count(QStringLiteral("complete package"), Qt::CaseInsensitive), 1);
    // The message has the banner's width; the buttons sit beneath it.
    auto *box = child<QWidget>("resultsBannerBox");
    QVERIFY2(banner->width() > box->width() * 3 / 4, qPrintable(QString::number(banner->width())));
    auto *add = child<QPushButton>("addOfferingFor_auto");
    QVERIFY(add->mapTo(box, QPoint(0, 0)).y() >= banner->mapTo(box, QPoint(0, banner->height())).y());
}

void TestWindowChrome::costAxisInRoundMoney_data() {
    QTest::addColumn<double>("min");
    QTest::addColumn<double>("max");
    QTest::addColumn<QList<double>>("ticks");
    QTest::newRow("Brooklyn") << 4590.0 << 7105.5 << QList<double>{4500, 5000, 5500, 6000, 6500, 7000, 7500};
    QTest::newRow("narrow") << 6620.0 << 6720.0 << QList<double>{6620, 6640, 6660, 6680, 6700, 6720};
    QTest::newRow("one point") << 6620.0 << 6620.0 << QList<double>{6560, 6580, 6600, 6620, 6640, 6660, 6680};
    QTest::newRow("wide") << 1200.0 << 18800.0 << QList<double>{0, 5000, 10000, 15000, 20000};
}

void TestWindowChrome::costAxisInRoundMoney() {
    QFETCH(double, min);
    QFETCH(double, max);
    QFETCH(QList<double>, ticks);
    const std::vector<double> got = roundTicks(min, max, 6);
    QCOMPARE(QList<double>(got.begin(), got.end()), ticks);
    // The chart's own axis: labels as money with thousands separators, at a constant round step.
    m_w->showResultTab(QStringLiteral("Cost vs coverage"));
    QCategoryAxis *x = nullptr;
    for (QAbstractAxis *a : m_w->results()->costChart()->chart()->axes(Qt::Horizontal))
        x = x ? x : qobject_cast<QCategoryAxis *>(a);
    QVERIFY(x);
    const QStringList labels = x->categoriesLabels();
    QVERIFY(labels.size() >= 3);
    QCOMPARE(labels.first(), QStringLiteral("$4,500"));
    for (const QString &l : labels)
        QVERIFY2(QRegularExpression(QStringLiteral("^\\$\\d{1,3}(,\\d{3})*$")).match(l).hasMatch(),
                 qPrintable(l));
    QCOMPARE(x->endValue(labels.at(1)) - x->endValue(labels.at(0)), 500.0);
}

void TestWindowChrome::radarHasRoom() {
    m_w->showResultTab(QStringLiteral("Compare"));
    QApplication::processEvents();
    auto *radar = child<QChartView>("profileChart");
    QVERIFY(radar->height() >= 220);
    QCOMPARE(radar->chart()->legend()->alignment(), Qt::AlignBottom);
    auto *polar = qobject_cast<QPolarChart *>(radar->chart());
    QVERIFY(polar);
    const auto radial = polar->axes(QPolarChart::PolarOrientationRadial);
    QCOMPARE(radial.size(), 1);
    QVERIFY(!radial.first()->labelsVisible()); // no "100" drawn over the lines
    // The plot is as tall as it is wide, and takes most of the chart's height.
    const QRectF plot = radar->chart()->plotArea();
    QVERIFY2(plot.height() >= radar->height() * 0.5,
             qPrintable(QStringLiteral("%1 of %2").arg(plot.height()).arg(radar->height())));
}

void TestWindowChrome::remoteTabScreenshotShowsIt() {
    // Asked for at once, before any event is processed: the tab must be built already.
    m_w->showResultTab(QStringLiteral("Remote"));
    auto *remote = m_w->findChild<RemoteTab *>();
    QVERIFY(remote);
    auto *settings = remote->findChild<RemoteSettingsWidget *>(QStringLiteral("remoteSettings"));
    QVERIFY(settings);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("remote.png"));
    QCOMPARE(m_w->saveScreenshot(file), QString());
    const QImage shot(file);
    QCOMPARE(shot.size(), m_w->size());
    // The API key field is drawn where it is: the tab is not an empty page.
    auto *key = settings->findChild<QLineEdit *>(QStringLiteral("apiKeyEdit"));
    QVERIFY(key && key->isVisible());
    const QRect r(key->mapTo(m_w, QPoint(0, 0)), key->size());
    QSet<QRgb> colours;
    for (int y = r.top(); y <= r.bottom(); y += 2)
        for (int x = r.left(); x <= r.right(); x += 2)
            colours.insert(shot.pixel(x, y));
    QVERIFY2(colours.size() > 3, qPrintable(QString::number(colours.size())));
}

void TestWindowChrome::remoteBadgeFollowsTheSavedKey() {
    CaseDocument doc;
    doc.load(test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json"))), QString());
    RankingController ranking(&doc, nullptr);
    RemoteTab tab(&doc, &ranking, std::make_unique<MemorySecretStore>());
    RunMonitorWidget *monitor = tab.monitor();
    // One TEST/LIVE badge in the tab, not one beside the key and another beside Submit.
    const QList<QLabel *> badges = tab.findChildren<QLabel *>(QStringLiteral("environmentBadge"));
    QCOMPARE(badges.size(), 1);
    int shown = 0;
    for (QLabel *l : tab.findChildren<QLabel *>())
        shown += !l->isHidden() && (l->text() == u"NO KEY" || l->text() == u"TEST") ? 1 : 0;
    QCOMPARE(shown, 1);
    auto *badge = badges.first();
    QCOMPARE(badge->text(), QStringLiteral("NO KEY"));
    // Submitting without a key says where to add it — a place that exists in this tab.
    QVERIFY(!monitor->submitCase());
    auto *message = monitor->findChild<QLabel *>(QStringLiteral("messageLabel"));
    QVERIFY(message->text().contains(QStringLiteral("“Nexio API” above")));
    QVERIFY(!message->text().contains(QStringLiteral("Settings")));
    auto *settings = tab.findChild<RemoteSettingsWidget *>(QStringLiteral("remoteSettings"));
    QVERIFY(settings);
    settings->findChild<QLineEdit *>(QStringLiteral("apiKeyEdit"))
        ->setText(QStringLiteral("nx_test_abc12345"));
    QVERIFY(settings->apply());
    QCOMPARE(badge->text(), QStringLiteral("TEST"));
    QVERIFY(message->text().isEmpty()); // the "no key" complaint is answered
    QVERIFY(settings->removeKey());
    QCOMPARE(badge->text(), QStringLiteral("NO KEY"));
}

void TestWindowChrome::stopWatchingUpdatesTheStatus() {
    test::FakeNexioServer server;
    server.start();
    server.queue(test::FakeNexioServer::Match::Submit, test::FakeNexioServer::Action::hang());
    CaseDocument doc;
    doc.load(test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json"))), QString());
    RankingController ranking(&doc, nullptr);
    auto secrets = std::make_unique<MemorySecretStore>();
    QVERIFY(secrets->write(nexioApiKeySecretName(), QStringLiteral("nx_test_abc123")));
    RemoteTab tab(&doc, &ranking, std::move(secrets));
    RunMonitorWidget *monitor = tab.monitor();
    RunEndpoint endpoint;
    endpoint.baseUrl = server.baseUrl();
    monitor->setEndpoint(endpoint);
    QVERIFY(monitor->submitCase());
    auto *status = monitor->findChild<QLabel *>(QStringLiteral("statusLabel"));
    QVERIFY(status);
    QCOMPARE(status->text(), QStringLiteral("submitting…"));
    QTRY_COMPARE(server.requests("POST").size(), size_t(1));
    QTest::mouseClick(monitor->findChild<QPushButton *>(QStringLiteral("cancelButton")), Qt::LeftButton);
    QTRY_VERIFY(status->text() != QStringLiteral("submitting…"));
    QCOMPARE(status->text(), QStringLiteral("not submitted (stopped before the server answered)"));
}

void TestWindowChrome::readingTheResultsFromTheProfile() {
    QAction *help = child<QAction>("actionReadingResults");
    help->trigger();
    auto *text = child<QTextBrowser>("readingResultsDialogText");
    const QString page = text->toPlainText();
    for (const char *words :
         {"L1", "L4", "Price", "Coverage", "Financial strength", "Carrier appetite", "Placement", "Service",
          "recommended", "best value", "not stated", "None", "$0"})
        QVERIFY2(page.contains(QString::fromUtf8(words)), words);
    QVERIFY(page.contains(QStringLiteral("85 or more")));
    // A custom profile shows its own numbers.
    const auto custom = loadProfile(*parseJson(R"({"levels":{"L1":90,"L2":70,"L3":45},
        "weights":{"balanced":{"coverage":0.3,"pricing":0.2,"financial":0.15,"appetite":0.15,
        "placement":0.1,"service":0.1}}})"));
    QVERIFY2(custom.profile, qPrintable(custom.errors.join(u'\n')));
    const QString html = readingResultsHtml(*custom.profile);
    QVERIFY(html.contains(QStringLiteral("90 or more")));
    QVERIFY(html.contains(QStringLiteral("70 to under 90")));
    QVERIFY(!html.contains(QStringLiteral("85 or more")));
    QVERIFY(html.contains(QStringLiteral("<td>Coverage</td><td>0.30</td>")));
}

void TestWindowChrome::shortcutSheetFromTheActions() {
    child<QAction>("actionShortcuts")->trigger();
    const QString sheet = child<QTextBrowser>("shortcutsDialogText")->toPlainText();
    // Every action with a shortcut is listed with it.
    int listed = 0;
    for (QAction *a : m_w->findChildren<QAction *>()) {
        if (a->shortcut().isEmpty() || a->text().isEmpty()) continue;
        QString name = a->text();
        name.remove(u'&');
        QVERIFY2(sheet.contains(name), qPrintable(name));
        QVERIFY2(sheet.contains(a->shortcut().toString(QKeySequence::NativeText)), qPrintable(name));
        ++listed;
    }
    QVERIFY(listed >= 15);
    // Generated, not written once: a new shortcut shows.
    child<QAction>("actionShortcuts")->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F12));
    QVERIFY(shortcutSheetHtml(m_w).contains(
        QKeySequence(Qt::CTRL | Qt::Key_F12).toString(QKeySequence::NativeText)));
}

QTEST_MAIN(TestWindowChrome)
#include "tst_windowchrome.moc"
