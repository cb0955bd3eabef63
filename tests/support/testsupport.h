// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <vector>

namespace pw::test {

// The test clock the golden fixtures are written for.
QDateTime fixedNow();
QByteArray readFileBytes(const QString &path);
JsonValue readJsonFile(const QString &path);
QString samplePath(const QString &name); // ../shared-independent copy in resources/samples
QString fixturePath(const QString &relative);

struct ProcessResult {
    int exitCode = -1;
    QByteArray out, err;
};
// Runs the placement-workbench binary with arguments (and optional stdin/environment additions).
ProcessResult runWorkbench(const QStringList &args, const QStringList &extraEnv = {}, int timeoutMs = 120000);
// Runs the binary with its file size limit lowered to `limitBytes` (0: unchanged; SIGXFSZ ignored, so a
// write over the limit fails with EFBIG instead of killing it), on the offscreen platform, standard output
// optionally into a file.
ProcessResult runWorkbenchLimited(const QStringList &args, qint64 limitBytes, const QString &stdoutFile = {},
                                  const QStringList &extraEnv = {});

// Makes the run store at `path` refuse every new run with `reason` (an SQLite trigger), as a full disk
// or a broken file would, whoever runs the process.
bool makeStoreRefuseNewRuns(const QString &path, const QString &reason);
// The first character a terminal would act on or reorder text by (C0 but LF, DEL, C1, bidirectional
// controls, line separators, U+FFFD), described with its context; empty when there is none.
QString firstTerminalUnsafe(const QString &text);
// A case of `perLine` plain offerings for home, auto and umbrella (in that order, as many lines as
// entries), seven carriers, varied premiums and four distinct umbrella requirements: large cases for
// tests of the engine's bounds and of cancellation.
JsonValue plainCase(const std::vector<int> &perLine);

} // namespace pw::test
