// SPDX-License-Identifier: MIT
#pragma once

#include "cli.h"
#include "engine/profile.h"
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
// Reads --profile FILE when it is set and merges it over the bundled profile into `profile`. Returns an
// exit code when the command must stop (2: the file cannot be read or parsed; 1: wrong values), having
// printed "COMMAND: profile FILE: message"; nullopt to go on.
std::optional<int> loadProfileOption(const QString &command, const QCommandLineParser &parser,
                                     const QCommandLineOption &profileOption,
                                     std::optional<EngineProfile> &profile, CliIo &io);
// The most solutions `rank` and `report` return: more than any case's options are read or fit on paper,
// and a bound on the memory the ranking reserves for them (the engine keeps the best N in memory).
constexpr int kMaxTop = 10000;
// --top as a whole number from 1 to kMaxTop. Refused, never cut down (a result with fewer solutions than
// asked for is never made in silence): prints "COMMAND: --top must be …" and returns nullopt.
std::optional<int> topOption(const QString &command, const QString &value, CliIo &io);
JsonValue problemsToJson(const Problems &problems);
// Writes a command's result to `target` through the safe writer, or to standard output when `target` is
// empty or "-" (flushed and checked). On failure prints "COMMAND: reason naming the file" and returns
// false: the caller exits ExitUnreadable and prints nothing as success.
[[nodiscard]] bool writeCommandOutput(const QString &command, const QString &target, const QByteArray &bytes,
                                      CliIo &io);
// Writes UTF-8 bytes to standard output as they are (after what the text stream holds), without
// decoding them to text and encoding them again, and flushes them. False when they could not all be
// written (a full disk, a closed pipe); the application's last check of standard output reports it.
bool writeBytes(CliIo &io, const QByteArray &bytes);
// "FILE: PATH: severity: message", every part escaped for the terminal (util/displaytext.h).
QString problemLine(const QString &file, const Problem &problem);

} // namespace pw
