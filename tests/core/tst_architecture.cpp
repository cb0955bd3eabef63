// SPDX-License-Identifier: MIT
#include "testsupport.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

namespace {

const QString kSourceDir = QStringLiteral(PW_SOURCE_DIR);

QStringList sourceFiles(const QString &dir) {
    QStringList files;
    QDirIterator it(
        dir,
        {QStringLiteral("*.h"), QStringLiteral("*.hpp"), QStringLiteral("*.cpp"), QStringLiteral("*.cc")},
        QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    return files;
}

struct Include {
    int line = 0;
    QString name; // what is between the quotes or angle brackets
};

QList<Include> includesOf(const QString &file) {
    static const QRegularExpression re(QStringLiteral("^\\s*#\\s*include\\s*[<\"]([^>\"]+)[>\"]"));
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(file));
    QList<Include> out;
    int n = 0;
    while (!f.atEnd()) {
        ++n;
        const auto m = re.match(QString::fromUtf8(f.readLine()));
        if (m.hasMatch()) out.push_back({n, m.captured(1).trimmed()});
    }
    return out;
}

// Whether an include pulls in a GUI module: a QtGui/QtWidgets (or other GUI module) header, by module path
// or by the class header names of those modules.
bool isGuiInclude(const QString &name) {
    static const QRegularExpression module(QStringLiteral(
        "^(QtGui|QtWidgets|QtPrintSupport|QtCharts|QtSvg|QtSvgWidgets|QtOpenGL|QtQuick|QtQml)(/|$)"));
    static const QRegularExpression classes(QStringLiteral(
        "^(QWidget|QApplication|QGuiApplication|QPainter\\w*|QPixmap\\w*|QImage\\w*|QColor\\w*|QFont\\w*|"
        "QIcon\\w*|"
        "QUndo\\w*|QAction\\w*|QMainWindow|QDialog\\w*|QMessageBox|QFileDialog|QBrush|QPen|QPalette|"
        "QKeySequence|"
        "QShortcut|QClipboard|QTextDocument\\w*|QTextCursor|QPdfWriter|QPageLayout|QPageSize|QPrinter\\w*|"
        "QScreen|"
        "QWindow|QCursor|QTransform|QPolygon\\w*|QRegion|QBitmap|QMovie|QDesktopServices|QValidator|"
        "QIntValidator|"
        "QDoubleValidator|QRegularExpressionValidator|QStandardItem\\w*|QFileSystemModel|QSyntaxHighlighter|"
        "QDrag|QMouseEvent|QKeyEvent|QPaintEvent|QResizeEvent|QStyle\\w*|QLayout|QBoxLayout|QHBoxLayout|"
        "QVBoxLayout|"
        "QGridLayout|QFormLayout|QLabel|QPushButton|QToolButton|QLineEdit|QTextEdit|QPlainTextEdit|QComboBox|"
        "QCheckBox|QRadioButton|QSpinBox|QDoubleSpinBox|QSlider|QTabWidget|QTableView|QTreeView|QListView|"
        "QHeaderView|QAbstractItemView|QItemDelegate|QStyledItemDelegate|QMenu|QMenuBar|QToolBar|QStatusBar|"
        "QDockWidget|QSplitter|QScrollArea|QGroupBox|QFrame|QStackedWidget|QProgressBar|QSystemTrayIcon|"
        "QGraphics\\w*|QOpenGL\\w*|QVector2D|QVector3D|QMatrix4x4|QQuaternion|QtCharts|QChart\\w*|QSvg\\w*)"
        "$"));
    return module.match(name).hasMatch() || classes.match(name).hasMatch();
}

QString relative(const QString &file) {
    return QDir(kSourceDir).relativeFilePath(file);
}

QSet<QString> headerNamesIn(const QString &dir) {
    QSet<QString> names;
    for (const QString &f : sourceFiles(dir))
        if (f.endsWith(u".h") || f.endsWith(u".hpp")) names.insert(QFileInfo(f).fileName());
    return names;
}

} // namespace

class TestArchitecture : public QObject {
    Q_OBJECT
private slots:
    void guiIncludeRecognised_data();
    void guiIncludeRecognised();
    void coreIncludesNoGui();
    void coreIncludesNothingFromUiOrApp();
    void coreLinksNoGuiModule();
    void uiIncludesNothingFromApp();
};

void TestArchitecture::guiIncludeRecognised_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("gui");
    const std::pair<const char *, bool> rows[] = {
        {"QtGui/QColor", true},
        {"QtGui", true},
        {"QtWidgets/QWidget", true},
        {"QtWidgets", true},
        {"QWidget", true},
        {"QApplication", true},
        {"QPainter", true},
        {"QPixmap", true},
        {"QImage", true},
        {"QColor", true},
        {"QFont", true},
        {"QFontMetrics", true},
        {"QUndoStack", true},
        {"QUndoCommand", true},
        {"QAction", true},
        {"QGuiApplication", true},
        {"QPdfWriter", true},
        {"QtPrintSupport/QPrinter", true},
        {"QStandardItemModel", true},
        {"QString", false},
        {"QtCore/QString", false},
        {"QJsonDocument", false},
        {"QNetworkReply", false},
        {"QSqlDatabase", false},
        {"QCoreApplication", false},
        {"QAbstractItemModel", false},
        {"QSortFilterProxyModel", false},
        {"QDateTime", false},
        {"io/json.h", false},
        {"vector", false},
    };
    for (const auto &[name, gui] : rows)
        QTest::newRow(name) << QString::fromLatin1(name) << gui;
}

void TestArchitecture::guiIncludeRecognised() {
    QFETCH(QString, name);
    QFETCH(bool, gui);
    QCOMPARE(isGuiInclude(name), gui);
}

void TestArchitecture::coreIncludesNoGui() {
    const QStringList files = sourceFiles(kSourceDir + u"/core");
    QVERIFY2(files.size() > 20, "the core sources were not found");
    QStringList offences;
    for (const QString &f : files)
        for (const Include &inc : includesOf(f))
            if (isGuiInclude(inc.name))
                offences
                    << QStringLiteral("%1:%2: #include <%3>").arg(relative(f)).arg(inc.line).arg(inc.name);
    QVERIFY2(offences.isEmpty(),
             qPrintable(u"core/ must not use QtGui or QtWidgets:\n" + offences.join(u'\n')));
}

void TestArchitecture::coreIncludesNothingFromUiOrApp() {
    const QSet<QString> uiHeaders = headerNamesIn(kSourceDir + u"/ui");
    const QSet<QString> appHeaders = headerNamesIn(kSourceDir + u"/app");
    QVERIFY(!uiHeaders.isEmpty());
    QVERIFY(!appHeaders.isEmpty());
    QSet<QString> coreHeaders = headerNamesIn(kSourceDir + u"/core");
    QStringList offences;
    for (const QString &f : sourceFiles(kSourceDir + u"/core")) {
        for (const Include &inc : includesOf(f)) {
            const QString base = QFileInfo(inc.name).fileName();
            const bool fromUi =
                inc.name.startsWith(u"ui/") || (uiHeaders.contains(base) && !coreHeaders.contains(base));
            const bool fromApp =
                inc.name.startsWith(u"app/") || (appHeaders.contains(base) && !coreHeaders.contains(base));
            if (fromUi || fromApp)
                offences
                    << QStringLiteral("%1:%2: #include \"%3\"").arg(relative(f)).arg(inc.line).arg(inc.name);
        }
    }
    QVERIFY2(offences.isEmpty(), qPrintable(u"core/ must not include ui/ or app/:\n" + offences.join(u'\n')));
}

void TestArchitecture::coreLinksNoGuiModule() {
    static const QRegularExpression gui(
        QStringLiteral("Qt6?::(Gui|Widgets|PrintSupport|Charts|Svg|SvgWidgets)\\b|pw_ui\\b"));
    QDirIterator it(kSourceDir + u"/core", {QStringLiteral("CMakeLists.txt"), QStringLiteral("*.cmake")},
                    QDir::Files, QDirIterator::Subdirectories);
    int seen = 0;
    QStringList offences;
    while (it.hasNext()) {
        const QString f = it.next();
        ++seen;
        QFile file(f);
        QVERIFY(file.open(QIODevice::ReadOnly));
        int n = 0;
        while (!file.atEnd()) {
            ++n;
            const QString line = QString::fromUtf8(file.readLine());
            if (line.trimmed().startsWith(u'#')) continue;
            if (gui.match(line).hasMatch())
                offences << QStringLiteral("%1:%2: %3").arg(relative(f)).arg(n).arg(line.trimmed());
        }
    }
    QVERIFY(seen > 0);
    QVERIFY2(offences.isEmpty(), qPrintable(u"pw_core must not link a GUI module:\n" + offences.join(u'\n')));
}

void TestArchitecture::uiIncludesNothingFromApp() {
    const QStringList files = sourceFiles(kSourceDir + u"/ui");
    QVERIFY2(files.size() > 10, "the ui sources were not found");
    const QSet<QString> appHeaders = headerNamesIn(kSourceDir + u"/app");
    const QSet<QString> uiHeaders = headerNamesIn(kSourceDir + u"/ui");
    QStringList offences;
    for (const QString &f : files) {
        for (const Include &inc : includesOf(f)) {
            const QString base = QFileInfo(inc.name).fileName();
            if (inc.name.startsWith(u"app/") || inc.name.startsWith(u"../app") ||
                (appHeaders.contains(base) && !uiHeaders.contains(base)))
                offences
                    << QStringLiteral("%1:%2: #include \"%3\"").arg(relative(f)).arg(inc.line).arg(inc.name);
        }
    }
    QVERIFY2(offences.isEmpty(), qPrintable(u"ui/ must not include app/:\n" + offences.join(u'\n')));
}

QTEST_GUILESS_MAIN(TestArchitecture)
#include "tst_architecture.moc"
