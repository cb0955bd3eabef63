// SPDX-License-Identifier: MIT
#pragma once

#include "cli.h"
#include "io/json.h"
#include "io/problem.h"

#include <QCommandLineParser>
#include <QDateTime>

#include <optional>

namespace pw {

// Parses a command's arguments; prints the parser's error and returns false on a mistake.
bool parseCommandLine(QCommandLineParser &parser, const QStringList &args, CliIo &io);
// Parses and handles --help: an exit code when the command is done (help printed: 0; a mistake: 1),
// nullopt when it should go on.
std::optional<int> parseOrHelp(QCommandLineParser &parser, const QStringList &args, CliIo &io);
// Whether --format is one of `allowed`; otherwise prints "COMMAND: --format must be a, b or c".
bool checkFormat(const QString &command, const QString &format, const QStringList &allowed, CliIo &io);
// The clock from --now (RFC 3339), else the wall clock; prints an error and returns nullopt on bad input.
std::optional<QDateTime> clockFrom(const QCommandLineParser &parser, const QCommandLineOption &nowOption,
                                   CliIo &io);
JsonValue problemsToJson(const Problems &problems);
// Writes UTF-8 bytes to standard output as they are (after what the text stream holds), without
// decoding them to text and encoding them again.
void writeBytes(CliIo &io, const QByteArray &bytes);
// "FILE: PATH: severity: message", every part escaped for the terminal (util/displaytext.h).
QString problemLine(const QString &file, const Problem &problem);

} // namespace pw
