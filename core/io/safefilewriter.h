// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

namespace pw {

// The one path by which the project writes a user's file (case save and save as, `import -o`, screenshots,
// and every report and autosave file to come). A write either replaces the file with exactly `bytes`,
// durably, or leaves the old file byte-identical and no temporary file behind.
//
// Steps, each checked: open a temporary file beside the target (QSaveFile, unbuffered), write every byte,
// flush and check the device error (a full disk or a file-size limit shows up here, not at write()),
// fsync the data, and only then rename over the target (commit). Any failure cancels the write. After the
// rename the folder is synced so the new name survives a power cut (best effort: some file systems refuse).
//
// Why not QSaveFile::commit() alone: in Qt 6.4 the buffered data is flushed inside commit(), and a failed
// flush there still renames the short temporary file over the original — a full disk empties the file.
//
// A target that exists and is not a regular file (/dev/null, a terminal, a pipe such as /dev/stdout) is
// written into directly, never replaced. A replaced file keeps its mode, owner (when run as root) and group.
//
// Errors: the returned text is empty on success, else one sentence naming the file and the system's reason,
// e.g. "Cannot write /tmp/case.json: No space left on device".
[[nodiscard]] QString writeFileAtomically(const QString &fileName, const QByteArray &bytes);

} // namespace pw
