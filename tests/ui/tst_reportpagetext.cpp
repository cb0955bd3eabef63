// SPDX-License-Identifier: MIT
// The text of a report's PDF (ui/report/reportrenderer.h) read back with pdftotext, against its HTML
// export: every word of the report is in the PDF's text exactly as often as in the HTML (nothing printed
// twice, hidden at a page's foot or under the running header; nothing lost), apart from what every page
// repeats (running header, footer, table header rows); no page is without body text, and a page ends
// short only before a section that starts a page or at the end; a row cut because it is taller than a page
// (a table's or a fact's) says "(continued)" on every page it continues on, the word whole. Cases: the
// sample household, and the sample with carrier and product names of thousands of characters (without
// spaces, with spaces, in CJK).
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocumentFragment>

using namespace pw;

namespace {

// The page body's extent in PDF points (US Letter: 84 px of header room, 76 px of footer room at 96 dpi).
constexpr double kBodyTop = 63, kBodyBottom = 735;

struct Word {
    double y = 0; // top, in points
    QString text;
};

// Every word of every page, with where it stands.
QList<QList<Word>> pdfWords(const QString &pdf) {
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {QStringLiteral("-bbox"), QStringLiteral("-enc"),
                                          QStringLiteral("UTF-8"), pdf, QStringLiteral("-")});
    if (!p.waitForFinished(120000) || p.exitCode() != 0) return {};
    const QString xml = QString::fromUtf8(p.readAllStandardOutput());
    static const QRegularExpression word(QStringLiteral(
        "<word xMin=\"[\\d.]+\" yMin=\"([\\d.]+)\" xMax=\"[\\d.]+\" yMax=\"[\\d.]+\">([^<]*)</word>"));
    QList<QList<Word>> pages;
    for (const QString &page : xml.split(QStringLiteral("<page ")).mid(1)) {
        QList<Word> words;
        for (auto it = word.globalMatch(page); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            words.push_back(
                {m.captured(1).toDouble(), QTextDocumentFragment::fromHtml(m.captured(2)).toPlainText()});
        }
        pages.push_back(words);
    }
    return pages;
}

// The words of the HTML export's body (styles and title left out), entities decoded.
QStringList htmlWords(const QString &file) {
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) return {};
    QString html = QString::fromUtf8(f.readAll());
    html.remove(QRegularExpression(QStringLiteral("<(style|title)[^>]*>.*?</\\1>"),
                                   QRegularExpression::DotMatchesEverythingOption));
    html.replace(QRegularExpression(QStringLiteral("<[^>]*>")), QStringLiteral(" "));
    return QTextDocumentFragment::fromHtml(html).toPlainText().split(
        QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
}

// The words of `html` between the tags named, e.g. every table header cell's.
QSet<QString> wordsIn(const QString &html, const QString &tag) {
    QSet<QString> out;
    const QRegularExpression cell(QStringLiteral("<%1[^>]*>(.*?)</%1>").arg(tag),
                                  QRegularExpression::DotMatchesEverythingOption);
    for (auto it = cell.globalMatch(html); it.hasNext();) {
        const QString text = QTextDocumentFragment::fromHtml(it.next().captured(1)).toPlainText();
        for (const QString &w : text.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts))
            out.insert(w.normalized(QString::NormalizationForm_KC));
    }
    return out;
}

// The characters of `words` but those of words in `skip` and of run ids and run times (each export is a run
// of its own),
// counted (a word the PDF wraps inside, as a name without spaces, counts the same as the HTML's one word).
QHash<QChar, int> characters(const QStringList &words, const QSet<QString> &skip) {
    static const QRegularExpression runId(QStringLiteral(
        "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|T\\d\\d:\\d\\d:\\d\\d\\.\\d+Z"));
    QHash<QChar, int> out;
    for (const QString &w : words) {
        const QString word = w.normalized(QString::NormalizationForm_KC);
        if (skip.contains(word) || runId.match(word).hasMatch()) continue;
        for (QChar c : word)
            ++out[c];
    }
    return out;
}

// The sample household with the names of one carrier (and its product) and of another replaced.
QString writeCase(const QString &folder, const QString &harborview, const QString &product,
                  const QString &keystone) {
    QFile in(test::samplePath(QStringLiteral("brooklyn-household.json")));
    if (!in.open(QIODevice::ReadOnly)) return {};
    QJsonObject root = QJsonDocument::fromJson(in.readAll()).object();
    QJsonArray offerings = root.value(QStringLiteral("offerings")).toArray();
    for (qsizetype i = 0; i < offerings.size(); ++i) {
        QJsonObject o = offerings[i].toObject();
        const QString provider = o.value(QStringLiteral("provider_id")).toString();
        if (provider == QStringLiteral("prov_harborview") && !harborview.isEmpty()) {
            o[QStringLiteral("provider_name")] = harborview;
            QJsonObject coverage = o.value(QStringLiteral("coverage")).toObject();
            if (!product.isEmpty()) coverage[QStringLiteral("product_name")] = product;
            o[QStringLiteral("coverage")] = coverage;
        }
        if (provider == QStringLiteral("prov_keystone") && !keystone.isEmpty())
            o[QStringLiteral("provider_name")] = keystone;
        offerings[i] = o;
    }
    root[QStringLiteral("offerings")] = offerings;
    const QString file = QDir(folder).filePath(QStringLiteral("case.json"));
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly)) return {};
    out.write(QJsonDocument(root).toJson());
    return file;
}

QString repeatedWords(const QString &stem, int count) {
    QStringList out;
    for (int i = 0; i < count; ++i)
        out << stem + QString::number(i);
    return out.join(u' ');
}

} // namespace

class TestReportPageText : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QFAIL("pdftotext (poppler-utils) is needed to read the PDF back");
    }
    void everyWordOnceAndNoEmptyPage_data();
    void everyWordOnceAndNoEmptyPage();
};

void TestReportPageText::everyWordOnceAndNoEmptyPage_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("harborview");
    QTest::addColumn<QString>("product");
    QTest::addColumn<QString>("keystone");
    QTest::addColumn<bool>("full"); // every page but the last and those before a section runs full
    const QString w(5000, u'W'), p(3000, u'P');
    const QString cjk = QStringLiteral("海港互助保险公司").repeated(150);
    QTest::newRow("sample, underwriter") << "underwriter" << QString() << QString() << QString() << false;
    QTest::newRow("sample, proposal") << "proposal" << QString() << QString() << QString() << false;
    QTest::newRow("a name of 5,000 letters, underwriter") << "underwriter" << w << p << QString() << true;
    QTest::newRow("a name of 5,000 letters, proposal") << "proposal" << w << p << QString() << true;
    QTest::newRow("a name of 400 words, underwriter")
        << "underwriter" << repeatedWords(QStringLiteral("Harborview"), 400)
        << repeatedWords(QStringLiteral("Prod"), 300) << QString() << true;
    QTest::newRow("two long names, underwriter")
        << "underwriter" << QStringLiteral("H ").repeated(1500) << QString() << QString(2500, u'K') << false;
    QTest::newRow("a CJK name, underwriter") << "underwriter" << cjk << QString() << QString() << false;
}

void TestReportPageText::everyWordOnceAndNoEmptyPage() {
    QFETCH(QString, kind);
    QFETCH(QString, harborview);
    QFETCH(QString, product);
    QFETCH(QString, keystone);
    QFETCH(bool, full);
    QTemporaryDir dir;
    const QString caseFile = writeCase(dir.path(), harborview, product, keystone);
    QVERIFY(!caseFile.isEmpty());
    const QString keep = qEnvironmentVariable("PW_KEEP_PDF");
    const QString pdf = dir.filePath(QStringLiteral("report.pdf")),
                  html = dir.filePath(QStringLiteral("report.html"));
    for (const QString &format : {QStringLiteral("pdf"), QStringLiteral("html")}) {
        const test::ProcessResult r = test::runWorkbenchLimited(
            {QStringLiteral("report"), caseFile, QStringLiteral("--kind"), kind, QStringLiteral("--format"),
             format, QStringLiteral("-o"), format == QStringLiteral("pdf") ? pdf : html,
             QStringLiteral("--now"), QStringLiteral("2026-12-01T00:00:00Z"), QStringLiteral("--top"),
             QStringLiteral("10")},
            0);
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }
    if (!keep.isEmpty())
        QFile::copy(pdf, QDir(keep).filePath(
                             QString::fromLatin1(QTest::currentDataTag())
                                 .replace(QRegularExpression(QStringLiteral("\\W+")), QStringLiteral("-")) +
                             QStringLiteral(".pdf")));
    const QList<QList<Word>> pages = pdfWords(pdf);
    QVERIFY(pages.size() >= 3);
    const bool cover = kind == QStringLiteral("proposal");

    // The body of each page: its words between the running header and the footer.
    QStringList body;
    QString continuedText;
    const QRegularExpression section(QStringLiteral("^\\d+\\.$"));
    for (qsizetype p = 0; p < pages.size(); ++p) {
        double lowest = 0;
        QStringList words;
        for (const Word &w : pages[p]) {
            if (w.y < kBodyTop - 1 || w.y >= kBodyBottom + 2) continue;
            words << w.text;
            lowest = std::max(lowest, w.y);
        }
        body << words;
        continuedText += words.join(u' ') + u'\n';
        QVERIFY2(!words.isEmpty(), qPrintable(QStringLiteral("page %1 has no text").arg(p + 1)));
        // A page ends short only before a section that starts a page (its number first), or at the end.
        if (full && p + 1 < pages.size() && !(cover && p == 0)) {
            QString next;
            for (const Word &w : pages[p + 1])
                if (w.y >= kBodyTop - 1 && next.isEmpty()) next = w.text;
            QVERIFY2(lowest > (kBodyTop + kBodyBottom) / 2 || section.match(next).hasMatch(),
                     qPrintable(QStringLiteral("page %1 ends at %2 pt, before \"%3\"")
                                    .arg(p + 1)
                                    .arg(lowest)
                                    .arg(next.left(40))));
        }
    }

    // Every word as often as in the HTML, but what the pages repeat.
    QFile f(html);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString source = QString::fromUtf8(f.readAll());
    QSet<QString> repeated = wordsIn(source, QStringLiteral("th"));
    repeated.insert(QStringLiteral("(continued)"));
    QStringList htmlBody = htmlWords(html);
    // The HTML's running header line is the PDF's page header, left out above.
    const QString running =
        QTextDocumentFragment::fromHtml(
            source.section(QStringLiteral("<p class=\"running\">"), 1).section(QStringLiteral("</p>"), 0, 0))
            .toPlainText();
    for (const QString &w : running.split(u' ', Qt::SkipEmptyParts))
        htmlBody.removeOne(w);
    const QHash<QChar, int> printed = characters(body, repeated), exported = characters(htmlBody, repeated);
    QStringList differences;
    for (auto it = exported.begin(); it != exported.end(); ++it)
        if (printed.value(it.key()) != it.value())
            differences << QStringLiteral("'%1' %2 in HTML, %3 in PDF")
                               .arg(it.key())
                               .arg(it.value())
                               .arg(printed.value(it.key()));
    for (auto it = printed.begin(); it != printed.end(); ++it)
        if (!exported.contains(it.key()))
            differences << QStringLiteral("'%1' %2 in PDF only").arg(it.key()).arg(it.value());
    QVERIFY2(differences.isEmpty(), qPrintable(differences.mid(0, 12).join(QStringLiteral("; "))));

    // "(continued)" whole, never broken in a narrow column.
    QCOMPARE(continuedText.count(QStringLiteral("(con")), continuedText.count(QStringLiteral("(continued)")));
    QCOMPARE(continuedText.count(QStringLiteral("tinued)")),
             continuedText.count(QStringLiteral("(continued)")));
}

QTEST_MAIN(TestReportPageText)
#include "tst_reportpagetext.moc"
