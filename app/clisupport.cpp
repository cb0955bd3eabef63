// SPDX-License-Identifier: MIT
#include "clisupport.h"

#include "util/dates.h"
#include "util/displaytext.h"

#include <QIODevice>

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
        io.out << parser.helpText();
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

void writeBytes(CliIo &io, const QByteArray &bytes) {
    io.out.flush();
    if (QIODevice *device = io.out.device()) {
        device->write(bytes);
        return;
    }
    io.out << QString::fromUtf8(bytes);
}

} // namespace pw
