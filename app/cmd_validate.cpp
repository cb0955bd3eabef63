// SPDX-License-Identifier: MIT
#include "cli.h"
#include "clisupport.h"

#include "engine/profile.h"
#include "io/casefile.h"
#include "io/validation.h"

#include <QCommandLineParser>

namespace pw {

int runValidate(const QStringList &args, CliIo &io) {
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("Checks case files and prints one problem per line as "
                       "FILE: PATH: severity: message.\nExit 0 when no file has errors, "
                       "1 when any has, 2 when a file cannot be read or parsed (malformed JSON)."));
    p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Case files to check."),
                            QStringLiteral("FILE..."));
    const QCommandLineOption nowOpt(
        QStringLiteral("now"), QStringLiteral("Clock for date checks (RFC 3339)."), QStringLiteral("TIME"));
    const QCommandLineOption formatOpt(QStringLiteral("format"), QStringLiteral("text (default) or json."),
                                       QStringLiteral("FORMAT"), QStringLiteral("text"));
    p.addOptions({nowOpt, formatOpt});
    p.addHelpOption();
    if (const auto done = parseOrHelp(p, args, io)) return *done;
    const auto now = clockFrom(p, nowOpt, io);
    if (!now) return ExitProblems;
    const QString format = p.value(formatOpt);
    if (!checkFormat(QStringLiteral("validate"), format, {QStringLiteral("text"), QStringLiteral("json")},
                     io))
        return ExitProblems;
    const QStringList files = p.positionalArguments();
    if (files.isEmpty()) {
        io.err << "validate: name at least one case file (see --help)\n";
        return ExitProblems;
    }
    int exit = ExitOk;
    JsonValue report = JsonValue::array();
    for (const QString &file : files) {
        const CaseFileResult f = readCaseFile(file);
        Problems problems;
        if (!f.root) {
            problems.push_back(f.problem);
            exit = ExitUnreadable; // cannot be read or parsed: 2, whatever the other files say
        } else {
            problems = validateCase(*f.root, *now, defaultProfile()).problems;
            if (hasErrors(problems) && exit == ExitOk) exit = ExitProblems;
        }
        if (format == u"json") {
            JsonValue entry = JsonValue::object();
            entry.insert(QStringLiteral("file"), file);
            entry.insert(QStringLiteral("problems"), problemsToJson(problems));
            report.append(entry);
        } else {
            for (const Problem &pr : problems)
                io.out << problemLine(file, pr) << "\n";
        }
    }
    if (format == u"json") io.out << QString::fromUtf8(writeJson(report));
    return exit;
}

} // namespace pw
