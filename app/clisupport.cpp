// SPDX-License-Identifier: MIT
#include "clisupport.h"

#include "io/casefile.h"
#include "io/safefilewriter.h"
#include "util/dates.h"
#include "util/displaytext.h"

#include <QFileDevice>
#include <QIODevice>

#include <cerrno>
#include <cstring>

namespace pw {

bool parseCommandLine(QCommandLineParser &parser, const QStringList &args, CliIo &io) {
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    if (!parser.parse(args)) {
        io.err << args.value(0) << ": " << parser.errorText() << "\n";
        return false;
    }
    return true;
}

std::optional<int> parseOrHelp(QCommandLineParser &parser, const QStringList &args, CliIo &io) {
    if (!parseCommandLine(parser, args, io)) return ExitProblems;
    if (parser.isSet(QStringLiteral("help"))) {
        // Qt's first line names the executable's path and no command ("Usage: /usr/bin/x [options]"):
        // the line a user can type names the program and the command.
        QString help = parser.helpText();
        const qsizetype end = help.indexOf(u'\n');
        const QString first = help.left(end);
        const qsizetype afterProgram = first.indexOf(u' ', first.indexOf(u':') + 2);
        const QString rest = afterProgram < 0 ? QString() : first.mid(afterProgram);
        if (first.startsWith(QStringLiteral("Usage:")) && !args.isEmpty())
            help = QStringLiteral("Usage: placement-workbench ") + args.first() + rest + help.mid(end);
        io.out << help;
        return ExitOk;
    }
    return std::nullopt;
}

bool checkFormat(const QString &command, const QString &format, const QStringList &allowed, CliIo &io) {
    if (allowed.contains(format)) return true;
    QStringList quoted = allowed;
    const QString last = quoted.takeLast();
    io.err << command << ": --format must be " << quoted.join(QStringLiteral(", ")) << " or " << last << "\n";
    return false;
}

std::optional<QDateTime> clockFrom(const QCommandLineParser &parser, const QCommandLineOption &nowOption,
                                   CliIo &io) {
    if (!parser.isSet(nowOption)) return QDateTime::currentDateTimeUtc();
    const auto t = parseTimestamp(parser.value(nowOption));
    if (!t) {
        io.err << "--now: \"" << parser.value(nowOption)
               << "\" is not an RFC 3339 time such as 2026-11-28T12:00:00Z\n";
        return std::nullopt;
    }
    return t;
}

std::optional<int> topOption(const QString &command, const QString &value, CliIo &io) {
    bool ok = false;
    // Read wide, so that 99999999999 is "too many", not "not a number".
    const qlonglong n = value.trimmed().toLongLong(&ok);
    if (!ok || n < 1) {
        io.err << command << ": --top must be a whole number of at least 1\n";
        return std::nullopt;
    }
    if (n > kMaxTop) {
        io.err << command << ": --top must be at most " << kMaxTop << " (asked for "
               << escapeControls(value.trimmed()) << ")\n";
        return std::nullopt;
    }
    return int(n);
}

std::optional<int> loadProfileOption(const QString &command, const QCommandLineParser &parser,
                                     const QCommandLineOption &profileOption,
                                     std::optional<EngineProfile> &profile, CliIo &io) {
    if (!parser.isSet(profileOption)) return std::nullopt;
    // A profile that cannot be read or parsed exits 2, like a case; one with wrong values exits 1.
    constexpr qint64 kMaxProfileBytes = 16 * 1024 * 1024;
    const QString file = parser.value(profileOption);
    const CaseFileResult pf = readCaseFile(file, kMaxProfileBytes);
    if (!pf.root) {
        io.err << command << ": profile " << escapeControls(file) << ": "
               << escapeControls(pf.problem.message) << "\n";
        return ExitUnreadable;
    }
    ProfileResult pr = loadProfile(*pf.root);
    if (!pr.profile) {
        for (const auto &e : pr.errors)
            io.err << command << ": profile " << escapeControls(file) << ": " << escapeControls(e) << "\n";
        return ExitProblems;
    }
    profile = std::move(pr.profile);
    return std::nullopt;
}

JsonValue problemsToJson(const Problems &problems) {
    JsonValue arr = JsonValue::array();
    for (const Problem &p : problems) {
        JsonValue o = JsonValue::object();
        o.insert(QStringLiteral("severity"), p.severityName());
        o.insert(QStringLiteral("path"), p.path);
        o.insert(QStringLiteral("message"), p.message);
        arr.append(o);
    }
    return arr;
}

QString problemLine(const QString &file, const Problem &problem) {
    return escapeControls(file) + QStringLiteral(": ") +
           (problem.path.isEmpty() ? QStringLiteral("(file)") : escapeControls(problem.path)) +
           QStringLiteral(": ") + problem.severityName() + QStringLiteral(": ") +
           escapeControls(problem.message);
}

bool writeCommandOutput(const QString &command, const QString &target, const QByteArray &bytes, CliIo &io) {
    if (target.isEmpty() || target == u"-") {
        if (writeBytes(io, bytes)) return true;
        io.err << command << ": cannot write standard output: "
               << QString::fromLocal8Bit(std::strerror(errno ? errno : EIO)) << "\n";
        return false;
    }
    const QString err = writeFileAtomically(target, bytes);
    if (err.isEmpty()) return true;
    io.err << command << ": " << escapeControls(err) << "\n";
    return false;
}

bool writeBytes(CliIo &io, const QByteArray &bytes) {
    io.out.flush();
    if (QIODevice *device = io.out.device()) {
        if (device->write(bytes) != bytes.size()) return false;
        auto *file = qobject_cast<QFileDevice *>(device);
        return !file || (file->flush() && file->error() == QFileDevice::NoError);
    }
    io.out << QString::fromUtf8(bytes);
    io.out.flush();
    return io.out.status() == QTextStream::Ok;
}

} // namespace pw
