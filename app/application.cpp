// SPDX-License-Identifier: MIT
#include "application.h"

#include "caseeditor.h"
#include "cli.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QIcon>
#include <QTimer>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace pw {

namespace {

QElapsedTimer &processClock() {
    static QElapsedTimer t;
    return t;
}

void printUsage(QTextStream &out) {
    out << "Usage: placement-workbench [CASE] [--screenshot FILE [--tab NAME]]\n"
           "       placement-workbench COMMAND [OPTIONS] (COMMAND --help for its options)\n\n"
           "Without a command the workbench window opens on CASE; without CASE it shows the case library\n"
           "(or the bundled sample case while the library is empty).\n\n"
           "Commands:\n";
    for (const auto &c : cliCommands())
        out << "  " << c.name.leftJustified(10) << " " << c.summary << "\n";
    out << "\nOptions:\n"
           "  --help      Show this help\n"
           "  --version   Show the version\n"
           "  --screenshot FILE\n"
           "              Render the window to FILE (PNG) and exit\n"
           "  --tab NAME  Result tab to show: Ranking, Compare, Gaps or Remote\n"
           "  --section N\n"
           "              Case section to show (1 Insured to 7 Offerings)\n"
           "\nEnvironment:\n"
           "  NEXIO_API_KEY\n"
           "              API key for submit, status and runs (the window keeps it in the system keychain)\n"
           "  PLACEMENT_WORKBENCH_DATA_DIR\n"
           "              Folder of the run store and the case library (default: the user's data folder)\n"
           "\nFiles:\n"
           "  runs.sqlite\n"
           "              Remote runs submitted from this user account (in the data folder)\n"
           "  library.sqlite\n"
           "              The case library: cases, versions, notes, audit trail, recovery records\n"
           "\nExit status:\n"
           "  0           Success\n"
           "  1           Validation errors, rejected rows or a usage mistake\n"
           "  2           A file cannot be read, parsed or written (nothing was written in its place)\n"
           "  3           The remote run failed\n"
           "  4           The server refused the request\n"
           "  5           Network error, timeout or an unreadable server answer\n"
           "  6           The run store cannot be read or written\n";
}

int runGui(int argc, char *argv[]) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("placement-workbench"));
    QApplication::setOrganizationName(QStringLiteral("PlacementWorkbench"));
    QApplication::setApplicationDisplayName(QStringLiteral("Placement Workbench"));
    QApplication::setApplicationVersion(QStringLiteral(PW_VERSION));
    // The installed desktop entry and icon (packaging/): Wayland shells match the window to the entry by
    // this name; the icon comes from the hicolor theme when installed, none when run from a build folder.
    QGuiApplication::setDesktopFileName(QStringLiteral("placement-workbench"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("placement-workbench")));

    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("CASE"), QStringLiteral("Case file to open"));
    const QCommandLineOption shot(QStringLiteral("screenshot"),
                                  QStringLiteral("Render the window to FILE and exit."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption tab(QStringLiteral("tab"),
                                 QStringLiteral("Result tab to show for the screenshot."),
                                 QStringLiteral("NAME"));
    const QCommandLineOption section(QStringLiteral("section"),
                                     QStringLiteral("Case section to show (1 Insured … 7 Offerings)."),
                                     QStringLiteral("N"));
    p.addOptions({shot, tab, section});
    if (!p.parse(QApplication::arguments())) {
        std::fprintf(stderr, "placement-workbench: %s\n", qPrintable(p.errorText()));
        return 1;
    }
    MainWindow w;
    const QStringList pos = p.positionalArguments();
    // No case given: the library when it holds cases, the bundled sample when it is empty.
    // A case named on the command line opens in the background once the window shows (a large one
    // would keep the window from appearing for seconds); a screenshot waits for it.
    if (!pos.isEmpty() && p.isSet(shot))
        w.openCase(pos.first());
    else if (!pos.isEmpty())
        QTimer::singleShot(0, &w, [&w, file = pos.first()] { w.openCaseInBackground(file); });
    else if (!w.showLibraryAtStart())
        w.openSample(QStringLiteral("brooklyn-household.json"));
    if (p.isSet(tab)) w.showResultTab(p.value(tab));
    if (p.isSet(section)) w.caseEditor()->showSection(p.value(section).toInt() - 1);
    w.show();
    if (qEnvironmentVariableIsSet("PW_REPORT_STARTUP")) {
        // Time from main() to the window's first turn of the event loop (shown and painted).
        QTimer::singleShot(0, &w, [] {
            std::fprintf(stderr, "window shown %lld ms after start\n", processClock().elapsed());
        });
    }
    // After a crash: offer the autosaved work (not for a screenshot, which must not wait on a question).
    if (!p.isSet(shot)) QTimer::singleShot(0, &w, [&w] { w.offerRecovery(); });
    if (p.isSet(shot)) {
        const QString file = p.value(shot);
        QTimer::singleShot(400, &w, [&w, file] {
            const QString err = w.saveScreenshot(file);
            if (!err.isEmpty()) std::fprintf(stderr, "placement-workbench: %s\n", qPrintable(err));
            QApplication::exit(err.isEmpty() ? 0 : 1);
        });
    }
    return QApplication::exec();
}

// Standard output redirected to a file on a full disk fails only when it is flushed: a command whose output
// was not all written must not exit 0 as if it had been.
int checkedStandardOutput(QTextStream &out, QTextStream &err, int code) {
    out.flush();
    const bool failed = out.status() != QTextStream::Ok || std::fflush(stdout) != 0 || std::ferror(stdout);
    if (!failed) return code;
    err << "placement-workbench: cannot write standard output: "
        << QString::fromLocal8Bit(std::strerror(errno)) << "\n";
    err.flush();
    return code == ExitOk ? ExitUnreadable : code;
}

} // namespace

int runApplication(int argc, char *argv[]) {
    processClock().start();
    const QString first = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    if (first == u"--help" || first == u"-h" || first == u"--help-all" || first == u"help" ||
        first == u"--version" || findCliCommand(first)) {
        const CliCommand *command = findCliCommand(first);
        std::unique_ptr<QCoreApplication> app;
        if (command && command->needsFonts) {
            // Fonts need a QGuiApplication; the offscreen platform gives one without a display.
            if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
            app = std::make_unique<QGuiApplication>(argc, argv);
        } else {
            app = std::make_unique<QCoreApplication>(argc, argv);
        }
        QCoreApplication::setApplicationName(QStringLiteral("placement-workbench"));
        QCoreApplication::setOrganizationName(QStringLiteral("PlacementWorkbench"));
        QCoreApplication::setApplicationVersion(QStringLiteral(PW_VERSION));
        QTextStream out(stdout);
        QTextStream err(stderr);
        CliIo io{out, err};
        if (first == u"--version") {
            out << "placement-workbench " << PW_VERSION << "\n";
            return checkedStandardOutput(out, err, ExitOk);
        }
        if (first == u"--help" || first == u"-h" || first == u"--help-all" || first == u"help") {
            printUsage(out);
            return checkedStandardOutput(out, err, ExitOk);
        }
        QStringList args = QCoreApplication::arguments().mid(1);
        const int code = command->run(args, io);
        return checkedStandardOutput(out, err, code);
    }
    return runGui(argc, argv);
}

} // namespace pw
