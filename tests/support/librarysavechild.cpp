// SPDX-License-Identifier: MIT
// A process that saves one case over and over, as the window does — the file through the safe writer,
// then the library — and says "saved N" after each complete save. tst_librarycrash kills it with SIGKILL
// at random moments. Usage: pw_library_save_child LIBRARY FILE SAMPLE
#include "io/json.h"
#include "io/jsonpath.h"
#include "io/safefilewriter.h"
#include "store/caselibrary.h"

#include <QCoreApplication>
#include <QFile>

#include <cstdio>

using namespace pw;

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4) return 2;
    QFile sample(args[3]);
    if (!sample.open(QIODevice::ReadOnly)) return 2;
    JsonValue root = *parseJson(sample.readAll());
    // A big case (about 2 MB), so that a kill often lands inside a write.
    JsonValue offerings = root[u"offerings"];
    const JsonValue first = offerings.at(0);
    for (int i = 0; i < 1500; ++i) {
        JsonValue o = first;
        o.insert(QStringLiteral("id"), QStringLiteral("bulk_%1").arg(i));
        offerings.append(o);
    }
    root.insert(QStringLiteral("offerings"), offerings);
    auto lib = openCaseLibrary(args[1]);
    if (!lib->isOpen()) return 3;
    qint64 versionId = 0;
    if (const auto existing = lib->caseByFile(args[2])) versionId = existing->versionId;
    for (int n = 1;; ++n) {
        setJsonValueAt(root, QStringLiteral("workbench.save_counter"), n);
        const QByteArray bytes = writeJson(root);
        if (!writeFileAtomically(args[2], bytes).isEmpty()) return 4;
        SaveOptions o;
        o.filePath = args[2];
        o.author = QStringLiteral("child");
        if (versionId == 0) {
            const auto id = lib->addCase(bytes, o);
            if (!id) return 5;
            versionId = *id;
        } else if (!lib->saveVersion(versionId, bytes, o)) {
            return 5;
        }
        std::printf("saved %d\n", n);
        std::fflush(stdout);
    }
}
