// SPDX-License-Identifier: MIT
// Golden folders: tests/fixtures/ranking/<case>/case.json with expected.json. Each expected value (figures
// worked out by hand from engine.md) must appear in the engine's run object; keys not named are free.
#include "testsupport.h"

#include "engine/engine.h"
#include "util/dates.h"

#include <QDir>
#include <QTest>

using namespace pw;

namespace {

// Every member of `expected` equals the same member of `actual` (objects recursively; arrays exactly).
void expectSubset(const JsonValue &expected, const JsonValue &actual, const QString &path,
                  QStringList &failures) {
    if (expected.isObject() && actual.isObject()) {
        for (const auto &[key, value] : expected.objectMembers()) {
            if (!actual.contains(key))
                failures << QStringLiteral("%1.%2: missing").arg(path, key);
            else
                expectSubset(value, actual[key], path + u'.' + key, failures);
        }
        return;
    }
    if (expected != actual)
        failures << QStringLiteral("%1: expected %2, got %3")
                        .arg(path, QString::fromUtf8(writeJson(expected, -1)),
                             QString::fromUtf8(writeJson(actual, -1)));
}

} // namespace

class TestGolden : public QObject {
    Q_OBJECT

private slots:
    void golden_data() {
        QTest::addColumn<QString>("folder");
        const QDir root(test::fixturePath(QStringLiteral("ranking")));
        const auto entries = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        QVERIFY(entries.size() >= 4);
        for (const QString &name : entries)
            QTest::newRow(qPrintable(name)) << root.filePath(name);
    }

    void golden() {
        QFETCH(QString, folder);
        const JsonValue caseRoot = test::readJsonFile(folder + QStringLiteral("/case.json"));
        const JsonValue expected = test::readJsonFile(folder + QStringLiteral("/expected.json"));
        const JsonValue &opts = expected[u"options"];
        EngineOptions options;
        options.now = *parseTimestamp(opts[u"now"].toString());
        options.appetite = opts[u"appetite"].toString();
        options.top = opts[u"top"].isNumber() ? int(opts[u"top"].toDouble()) : 10;
        const EngineRun r = runEngine(caseRoot, options);
        QVERIFY(r.ok());
        const JsonValue &run = *r.run;
        QStringList failures;
        expectSubset(expected[u"output"], run[u"output"], QStringLiteral("output"), failures);
        for (const auto &[id, reason] : expected[u"filtered_reasons"].objectMembers()) {
            bool found = false;
            for (const auto &f : run[u"output"][u"filtered_offerings"].arrayItems())
                if (f[u"id"].toString() == id) {
                    found = true;
                    if (f[u"reason"] != reason)
                        failures << QStringLiteral("filtered %1: reason %2").arg(id, f[u"reason"].toString());
                }
            if (!found) failures << QStringLiteral("filtered %1: not filtered").arg(id);
        }
        const auto &want = expected[u"solutions"].arrayItems();
        const auto &got = run[u"solutions"].arrayItems();
        if (want.empty() && !got.empty())
            failures << QStringLiteral("solutions: expected none, got %1").arg(got.size());
        for (size_t i = 0; i < want.size(); ++i) {
            const QString path = QStringLiteral("solutions[%1]").arg(i);
            if (i >= got.size()) {
                failures << path + QStringLiteral(": missing");
                continue;
            }
            JsonValue w = want[i];
            if (const JsonValue *ids = w.find(u"offering_ids")) {
                JsonValue actualIds = JsonValue::array();
                for (const auto &o : got[i][u"offerings"].arrayItems())
                    actualIds.append(o[u"id"]);
                expectSubset(*ids, actualIds, path + QStringLiteral(".offering_ids"), failures);
                w.remove(u"offering_ids");
            }
            expectSubset(w, got[i], path, failures);
        }
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestGolden)
#include "tst_golden.moc"
