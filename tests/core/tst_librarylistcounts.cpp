// SPDX-License-Identifier: MIT
// `placement-workbench library list` never cuts a number: the qualified count of a large case is printed
// whole ("616,612,602,168", not "616,…"), as are case ids and version counts, and the table stays
// aligned — each column as wide as its widest value, the header over it.
#include "io/jsonpath.h"
#include "store/caselibrary.h"
#include "testsupport.h"
#include "util/numbers.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace pw;

class TestLibraryListCounts : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void countsArePrintedWhole_data() {
        QTest::addColumn<QList<qint64>>("qualified");
        QTest::newRow("50 MB case: 616,612,602,168") << QList<qint64>{616612602168, 7};
        QTest::newRow("3.2 trillion") << QList<qint64>{3176523000000};
        QTest::newRow("a million and small") << QList<qint64>{1000000, 12, 0};
        QTest::newRow("fits the header") << QList<qint64>{6};
    }
    void countsArePrintedWhole() {
        QFETCH(QList<qint64>, qualified);
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        QVERIFY(QDir().mkpath(data));
        {
            auto lib = openCaseLibrary(QDir(data).filePath(QStringLiteral("library.sqlite")));
            QVERIFY(lib->isOpen());
            for (int i = 0; i < qualified.size(); ++i) {
                JsonValue root =
                    test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json")));
                setJsonValueAt(root, QStringLiteral("input.applicant.last_name"),
                               QStringLiteral("Case%1").arg(i));
                SaveOptions o;
                o.author = QStringLiteral("seed");
                o.ranking.hasRun = true;
                o.ranking.qualifiedCount = qualified[i];
                o.ranking.packages.push_back({1, QStringLiteral("k"), QStringLiteral("Harbor Mutual"), 5940.0,
                                              6420.0, QString(), true});
                QVERIFY2(lib->addCase(writeJson(root), o), qPrintable(lib->lastError()));
            }
        }
        const auto r = test::runWorkbench({QStringLiteral("library"), QStringLiteral("list")},
                                          {QStringLiteral("PLACEMENT_WORKBENCH_DATA_DIR=") + data});
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = QString::fromUtf8(r.out).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), int(qualified.size()) + 2); // header, the cases, "N cases"
        const QString header = lines.first();
        const qsizetype qualAt = header.indexOf(QStringLiteral("Qual"));
        const qsizetype verAt = header.indexOf(QStringLiteral("Ver"));
        QVERIFY(qualAt > 0 && verAt > qualAt);
        QStringList printed;
        for (int i = 1; i <= qualified.size(); ++i) {
            const QString &line = lines[i];
            // The count fills its column up to the space before "Ver": whole, and aligned under "Qual".
            const QString cell = line.mid(qualAt, verAt - qualAt);
            QVERIFY2(cell.endsWith(u' ') && !cell.contains(u'…'), qPrintable(line));
            printed << cell.trimmed();
            QVERIFY2(!line.mid(qualAt).contains(u'…'), qPrintable(line));
        }
        for (qint64 q : qualified)
            QVERIFY2(printed.contains(formatCount(q)), qPrintable(printed.join(u'|')));
    }
};

QTEST_MAIN(TestLibraryListCounts)
#include "tst_librarylistcounts.moc"
