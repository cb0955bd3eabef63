// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

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

} // namespace pw::test
