// SPDX-License-Identifier: MIT
// What a save into the library costs on a large case: the facts of a version (carriers, policy numbers
// and quote ids, distinct, in first-seen order) are gathered in time linear in the offerings, and a save
// of a case with tens of thousands of distinct quote ids is seconds at most, never the quadratic search
// that made a 50 MB case's save take ~10 s. The facts themselves are the same as ever.
#include "io/jsonpath.h"
#include "store/casefacts.h"
#include "store/caselibrary.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace pw;

namespace {

// A case with `offerings` offerings over `carriers` carriers, each with its own quote id (and every
// `sharedEvery`-th one repeating the previous quote id).
JsonValue caseWith(int offerings, int carriers, int sharedEvery) {
    JsonValue::Array items;
    for (int i = 0; i < offerings; ++i) {
        JsonValue::Object attributes;
        const int quote = sharedEvery > 0 && i % sharedEvery == sharedEvery - 1 ? i - 1 : i;
        attributes.emplace_back(QStringLiteral("quote_id"), QStringLiteral("Q-%1").arg(quote));
        JsonValue::Object o;
        o.emplace_back(QStringLiteral("id"), QStringLiteral("o%1").arg(i));
        o.emplace_back(QStringLiteral("provider_name"), QStringLiteral("Carrier %1").arg(i % carriers));
        o.emplace_back(QStringLiteral("attributes"), JsonValue(std::move(attributes)));
        items.push_back(JsonValue(std::move(o)));
    }
    JsonValue root = *parseJson(R"({"input": {"applicant": {"first_name": "Dana", "last_name": "Okafor"},
                                    "address": {"state": "NY", "zip_code": "11231"},
                                    "coverage_types": ["auto", "home"]}})");
    root.objectMembersMut().emplace_back(QStringLiteral("offerings"), JsonValue(std::move(items)));
    return root;
}

} // namespace

class TestLibrarySaveCost : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void factsAreDistinctInFirstSeenOrder_data() {
        QTest::addColumn<int>("offerings");
        QTest::addColumn<int>("carriers");
        QTest::addColumn<int>("sharedEvery");
        QTest::newRow("3 offerings, 2 carriers") << 3 << 2 << 0;
        QTest::newRow("10 offerings, every 2nd quote repeated") << 10 << 3 << 2;
        QTest::newRow("1000 offerings, every 7th repeated") << 1000 << 9 << 7;
    }
    void factsAreDistinctInFirstSeenOrder() {
        QFETCH(int, offerings);
        QFETCH(int, carriers);
        QFETCH(int, sharedEvery);
        const CaseFacts f = caseFactsOf(caseWith(offerings, carriers, sharedEvery));
        QStringList wantCarriers, wantQuotes;
        for (int i = 0; i < offerings; ++i) {
            const QString c = QStringLiteral("Carrier %1").arg(i % carriers);
            if (!wantCarriers.contains(c)) wantCarriers << c;
            const int quote = sharedEvery > 0 && i % sharedEvery == sharedEvery - 1 ? i - 1 : i;
            const QString q = QStringLiteral("Q-%1").arg(quote);
            if (!wantQuotes.contains(q)) wantQuotes << q;
        }
        QCOMPARE(f.carriers, wantCarriers);
        QCOMPARE(f.policyNumbers, wantQuotes);
        QCOMPARE(f.lines, QStringList({QStringLiteral("auto"), QStringLiteral("home")}));
        QCOMPARE(f.insuredName, QStringLiteral("Dana Okafor"));
    }

    void largeCaseFactsAreLinear_data() {
        QTest::addColumn<int>("offerings");
        // The 50 MB case has 44,100 offerings, each with its own quote id.
        QTest::newRow("44,100 distinct quote ids") << 44100;
    }
    void largeCaseFactsAreLinear() {
        QFETCH(int, offerings);
        const JsonValue root = caseWith(offerings, 12, 0);
        QElapsedTimer t;
        t.start();
        const CaseFacts f = caseFactsOf(root);
        const qint64 ms = t.elapsed();
        QCOMPARE(f.policyNumbers.size(), offerings);
        QCOMPARE(f.carriers.size(), 12);
        // Linear work is tens of milliseconds; the quadratic search took ~10 s. The bound leaves room for
        // a loaded machine.
        QVERIFY2(ms < 2500,
                 qPrintable(QStringLiteral("%1 ms for the facts of %2 offerings").arg(ms).arg(offerings)));
    }

    void largeCaseSavesInSeconds() {
        // A save of an unchanged and of an edited large case into a local library, end to end.
        QTemporaryDir dir;
        auto lib = openCaseLibrary(dir.filePath(QStringLiteral("library.sqlite")));
        QVERIFY2(lib->isOpen(), qPrintable(lib->lastError()));
        JsonValue root = caseWith(44100, 12, 0);
        const QByteArray before = writeJson(root);
        SaveOptions o;
        o.author = QStringLiteral("test");
        const auto id = lib->addCase(before, o);
        QVERIFY2(id, qPrintable(lib->lastError()));
        setJsonValueAt(root, QStringLiteral("input.address.zip_code"), QStringLiteral("11215"));
        const QByteArray after = writeJson(root);
        QElapsedTimer t;
        t.start();
        QVERIFY2(lib->saveVersion(*id, after, o), qPrintable(lib->lastError()));
        const qint64 ms = t.elapsed();
        QCOMPARE(lib->version(*id)->body, after);
        QCOMPARE(lib->version(*id)->facts.policyNumbers.size(), 44100);
        // The edit is in the audit trail, once.
        int edits = 0;
        for (const AuditEntry &e : lib->auditTrail(lib->version(*id)->caseId))
            if (e.kind == u"edit") {
                ++edits;
                QCOMPARE(e.path, QStringLiteral("input.address.zip_code"));
            }
        QCOMPARE(edits, 1);
        QVERIFY2(ms < 4000, qPrintable(QStringLiteral("the save took %1 ms").arg(ms)));
    }
};

QTEST_GUILESS_MAIN(TestLibrarySaveCost)
#include "tst_librarysavecost.moc"
