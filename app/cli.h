// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>
#include <QTextStream>

#include <functional>
#include <vector>

namespace pw {

// Exit codes shared by every command.
enum ExitCode {
    ExitOk = 0,
    ExitProblems = 1,   // validation errors (or a command-line mistake)
    ExitUnreadable = 2, // a file could not be read
    ExitRunFailed = 3,  // a remote run ended failed
    ExitRefused = 4,    // the server refused the request (4xx)
    ExitNetwork = 5,    // network error or timeout
    ExitStore = 6       // the run store cannot be read or written (damaged, locked, read-only)
};

// The standard streams of a command, so tests and the batch mode can capture them.
struct CliIo {
    QTextStream &out;
    QTextStream &err;
};

struct CliCommand {
    QString name;
    QString summary;
    std::function<int(const QStringList &args, CliIo &io)> run; // args[0] is the command name
    // Whether the command lays out text (PDF reports): it then runs under a QGuiApplication on the
    // offscreen platform, which needs no display.
    bool needsFonts = false;
};

// Every command the binary knows, in the order `--help` lists them.
const std::vector<CliCommand> &cliCommands();
const CliCommand *findCliCommand(const QString &name);

// The commands (each in its own file).
int runValidate(const QStringList &args, CliIo &io);
int runSubmit(const QStringList &args, CliIo &io);
int runStatus(const QStringList &args, CliIo &io);
int runRuns(const QStringList &args, CliIo &io);
int runRank(const QStringList &args, CliIo &io);
int runImport(const QStringList &args, CliIo &io);
int runGaps(const QStringList &args, CliIo &io);
int runLibrary(const QStringList &args, CliIo &io);
int runReport(const QStringList &args, CliIo &io);

} // namespace pw
