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
// The clock from --now (RFC 3339), else the wall clock; prints an error and returns nullopt on bad input.
std::optional<QDateTime> clockFrom(const QCommandLineParser &parser, const QCommandLineOption &nowOption, CliIo &io);
JsonValue problemsToJson(const Problems &problems);

} // namespace pw
