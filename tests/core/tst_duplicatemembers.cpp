// SPDX-License-Identifier: MIT
// A member name stated twice in one JSON object: this reader takes the first, most JSON tools the last,
// so one file would mean two prices. Every repeated member is one validation error at its path naming how
// often it is stated (three statements: one error, "stated 3 times"), `rank` refuses
// the case, and a malformed file (which cannot be parsed at all) exits 2, not 1.
#include "testsupport.h"

#include "engine/profile.h"
#include "io/jsonpath.h"
#include "io/validation.h"

#include <QTemporaryDir>
#include <QTest>

using namespace pw;

namespace {

// The Brooklyn sample with its first offering's premium stated `times` times (the later ones far higher).
QByteArray brooklynWithPremiumStated(int times) {
    QByteArray bytes = test::readFileBytes(test::samplePath(QStringLiteral("brooklyn-household.json")));
    const QByteArray first = "\"line_premium_annual\": 3890";
    if (!bytes.contains(first)) qFatal("the sample's first premium is not 3890");
    QByteArray repeated = first;
    for (int i = 1; i < times; ++i)
        repeated += ", \"line_premium_annual\": " + QByteArray::number(9000 + i - 1);
    return bytes.replace(bytes.indexOf(first), first.size(), repeated);
}

// `bytes` written to dup.json in `dir`; its path.
QString writeCaseFile(const QTemporaryDir &dir, const QByteArray &bytes) {
    const QString file = dir.filePath(QStringLiteral("dup.json"));
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(file));
    return file;
}

} // namespace

class TestDuplicateMembers : public QObject {
    Q_OBJECT
private slots:
    void paths_data();
    void paths();
    void caseWithDuplicatePremium();
    void validateReportsEachRepeatedMemberOnce_data();
    void validateReportsEachRepeatedMemberOnce();
    void cliExitCodes_data();
    void cliExitCodes();
};

void TestDuplicateMembers::paths_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("none") << QByteArray(R"({"a":1,"b":{"a":2},"c":[{"a":1},{"b":2}]})") << QStringList();
    QTest::newRow("top") << QByteArray(R"({"a":1,"b":2,"a":3})") << QStringList{QStringLiteral("a")};
    QTest::newRow("nested in array")
        << QByteArray(
               R"({"offerings":[{"id":"x"},{"attributes":{"line_premium_annual":100,"line_premium_annual":9000}}]})")
        << QStringList{QStringLiteral("offerings[1].attributes.line_premium_annual")};
    // A member stated N times is one report naming N, never N - 1 identical lines at one path.
    QTest::newRow("three times") << QByteArray(R"({"a":1,"a":2,"a":3})")
                                 << QStringList{QStringLiteral("a x3")};
    QTest::newRow("three times, apart") << QByteArray(R"({"a":1,"b":2,"a":3,"c":4,"a":5,"b":6})")
                                        << QStringList{QStringLiteral("a x3"), QStringLiteral("b")};
    QTest::newRow("inner member repeated in two statements of its object")
        << QByteArray(R"({"x":{"p":1,"p":2},"x":{"p":1,"p":2,"p":3}})")
        << QStringList{QStringLiteral("x.p x3"), QStringLiteral("x")};
    QByteArray big = "{";
    for (int i = 0; i < 40; ++i)
        big += "\"k" + QByteArray::number(i) + "\":" + QByteArray::number(i) + ",";
    big += "\"k7\":0}";
    QTest::newRow("large object") << big << QStringList{QStringLiteral("k7")};
    QByteArray bigThrice = big;
    bigThrice.chop(1);
    bigThrice += ",\"k3\":1,\"k7\":2,\"k3\":3,\"k3\":4}";
    QTest::newRow("large object, four and three times")
        << bigThrice << QStringList{QStringLiteral("k7 x3"), QStringLiteral("k3 x4")};
    // Small objects sort names by length and end characters first: names of one shape that differ are
    // not duplicates, and a duplicate is found wherever it stands among them.
    QTest::newRow("same shape, different names ok")
        << QByteArray(R"({"axb":1,"ayb":2,"azb":3,"":4,"ba":5,"ab":6})") << QStringList();
    QTest::newRow("duplicate among names of its shape")
        << QByteArray(R"({"axb":1,"ayb":2,"azb":3,"ayb":4,"a":5})") << QStringList{QStringLiteral("ayb")};
    QTest::newRow("empty name twice") << QByteArray(R"({"":1,"b":2,"":3})") << QStringList{QString()};
    QTest::newRow("escaped equal name")
        << QByteArray(R"({"k1":1,"k2":2,"k\u0031":3})") << QStringList{QStringLiteral("k1")};
    QByteArray sixteen = "{";
    for (int i = 0; i < 15; ++i)
        sixteen += "\"m" + QByteArray::number(i) + "\":" + QByteArray::number(i) + ",";
    sixteen += "\"m0\":0}";
    QTest::newRow("sixteen members, first repeated last") << sixteen << QStringList{QStringLiteral("m0")};
    QTest::newRow("same name in different objects ok")
        << QByteArray(R"([{"id":1},{"id":2},{"x":{"id":3}}])") << QStringList();
}

void TestDuplicateMembers::paths() {
    QFETCH(QByteArray, json);
    QFETCH(QStringList, expected);
    const auto root = parseJson(json);
    QVERIFY(root);
    QStringList found;
    // "path" for a member stated twice, "path xN" for one stated N times.
    forEachDuplicateMember(*root, [&](const QString &path, int times) {
        found << (times == 2 ? path : QStringLiteral("%1 x%2").arg(path).arg(times));
    });
    QCOMPARE(found, expected);
}

void TestDuplicateMembers::caseWithDuplicatePremium() {
    // The first offering's premium stated a second time, far higher.
    const QByteArray bytes = brooklynWithPremiumStated(2);
    const auto root = parseJson(bytes);
    QVERIFY(root);
    const ValidationResult v = validateCase(*root, test::fixedNow(), defaultProfile());
    const auto it = std::find_if(v.problems.begin(), v.problems.end(), [](const Problem &p) {
        return p.path == u"offerings[0].attributes.line_premium_annual";
    });
    QVERIFY(it != v.problems.end());
    QVERIFY(it->isError());
    QVERIFY2(it->message.contains(QStringLiteral("stated twice")), qPrintable(it->message));

    QTemporaryDir dir;
    const auto rank = test::runWorkbench({QStringLiteral("rank"), writeCaseFile(dir, bytes)});
    QCOMPARE(rank.exitCode, 1);
    QVERIFY2(
        rank.err.contains("offerings[0].attributes.line_premium_annual: error: this member is stated twice"),
        rank.err.constData());
    QVERIFY(rank.out.isEmpty());
}

void TestDuplicateMembers::validateReportsEachRepeatedMemberOnce_data() {
    QTest::addColumn<int>("times");
    QTest::addColumn<QString>("words");
    QTest::newRow("twice") << 2 << QStringLiteral("stated twice");
    QTest::newRow("three times") << 3 << QStringLiteral("stated 3 times");
    QTest::newRow("five times") << 5 << QStringLiteral("stated 5 times");
}

// `validate` on a case whose first premium is stated N times: one error line at that path, naming N.
void TestDuplicateMembers::validateReportsEachRepeatedMemberOnce() {
    QFETCH(int, times);
    QFETCH(QString, words);
    QTemporaryDir dir;
    const auto r = test::runWorkbench(
        {QStringLiteral("validate"), writeCaseFile(dir, brooklynWithPremiumStated(times))});
    QCOMPARE(r.exitCode, 1);
    QStringList atPath;
    for (const QString &line : QString::fromUtf8(r.out + r.err).split(u'\n'))
        if (line.contains(QStringLiteral(": offerings[0].attributes.line_premium_annual: "))) atPath << line;
    QCOMPARE(atPath.size(), 1);
    QVERIFY2(atPath.first().contains(QStringLiteral("error: this member is ") + words +
                                     QStringLiteral(" in one object")),
             qPrintable(atPath.first()));
}

void TestDuplicateMembers::cliExitCodes_data() {
    QTest::addColumn<QString>("command");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("exitCode");
    const QByteArray malformed = "{\"input\": {,}";
    const QByteArray invalid =
        R"({"input":{"address":{"state":"ZZ"},"coverage_types":["home"]},"offerings":[]})";
    for (const char *cmd : {"validate", "rank", "gaps", "import"}) {
        QTest::addRow("%s malformed", cmd) << QString::fromLatin1(cmd) << malformed << 2;
        if (qstrcmp(cmd, "import") != 0)
            QTest::addRow("%s invalid", cmd) << QString::fromLatin1(cmd) << invalid << 1;
    }
}

void TestDuplicateMembers::cliExitCodes() {
    QFETCH(QString, command);
    QFETCH(QByteArray, content);
    QFETCH(int, exitCode);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("case.json"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    QStringList args{command, file};
    if (command == u"import") args << test::samplePath(QStringLiteral("brooklyn-offerings.csv"));
    const auto r = test::runWorkbench(args);
    QCOMPARE(r.exitCode, exitCode);
}

QTEST_GUILESS_MAIN(TestDuplicateMembers)
#include "tst_duplicatemembers.moc"
