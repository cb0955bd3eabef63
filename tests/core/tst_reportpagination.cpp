// SPDX-License-Identifier: MIT
// Placing a measured report page by page (core/report/reportpagination.h), on made-up measures: rows are
// placed while they fit and the rest of a table goes on the next page under its header, a group row never
// ends a page before its rows, a heading goes with its table's first row, a row taller than a page is cut
// between its lines into parts that keep every word, facts are cut between items.
#include "report/reportpagination.h"

#include <QTest>

using namespace pw;

namespace {

constexpr double kPage = 500;
constexpr double kHeader = 20, kGap = 10, kTail = 10, kLine = 20;

// A table row whose cells are `lines` lines of kLine each; the second cell's text says which line is which.
MeasuredRow row(int lines) {
    MeasuredRow r;
    r.height = lines * kLine;
    MeasuredCell first;
    first.text = QStringLiteral("item");
    first.lines.push_back({0, kLine, 0});
    MeasuredCell second;
    QStringList words;
    for (int l = 0; l < lines; ++l) {
        second.lines.push_back({l * kLine, (l + 1) * kLine, words.join(u' ').size() + (l > 0 ? 1 : 0)});
        words << QStringLiteral("line%1").arg(l, 2, 10, QLatin1Char('0'));
    }
    second.text = words.join(u' ');
    r.cells = {first, second};
    return r;
}

// A document of a heading (one line, at `headingTop`) and a table of rows of `lines` lines, measured as one
// long page; `group` marks group rows.
struct Made {
    ReportDocument doc;
    MeasuredReport measured;
};

Made tableDocument(const QList<int> &lines, const QList<int> &group = {}, double headingTop = 0) {
    Made m;
    m.measured.separatorHeight = 0;
    if (headingTop > 0) {
        m.doc.paragraph(QStringLiteral("Before"));
        MeasuredBlock p;
        p.found = true;
        p.bottom = headingTop;
        for (double y = 0; y + kLine <= headingTop; y += kLine)
            p.lines.push_back({y, y + kLine, 0});
        m.measured.blocks.push_back(p);
    }
    m.doc.heading(QStringLiteral("Quotes"));
    MeasuredBlock h;
    h.found = true;
    h.top = headingTop;
    h.bottom = headingTop + kLine;
    h.lines.push_back({0, kLine, 0});
    m.measured.blocks.push_back(h);
    ReportTable t;
    t.header = {QStringLiteral("Item"), QStringLiteral("Description")};
    t.widths = {20, 80};
    MeasuredBlock tb;
    tb.found = true;
    tb.top = h.bottom;
    tb.headerHeight = kHeader;
    tb.rowGap = kGap;
    tb.tailHeight = kTail;
    double y = tb.top + kHeader;
    for (int i = 0; i < lines.size(); ++i) {
        const MeasuredRow r = row(lines[i]);
        ReportRow modelRow{{ReportCell(QStringLiteral("item%1").arg(i)), ReportCell(r.cells[1].text)},
                           group.contains(i)};
        if (modelRow.group) modelRow.cells.resize(1);
        t.rows.push_back(modelRow);
        tb.rows.push_back(r);
        y += (i > 0 ? kGap : 0) + r.height;
    }
    tb.bottom = y + kTail;
    m.doc.table(t);
    m.measured.blocks.push_back(tb);
    return m;
}

PageFrame frame() {
    PageFrame f;
    f.height = kPage;
    f.keepWithNext = 60;
    f.slack = 0;
    f.startInset[ReportBlock::Kind::Table] = 0;
    f.startInset[ReportBlock::Kind::Heading] = 0;
    return f;
}

// The document's blocks as a plan: "H" a heading, "P" a paragraph, "|" a page break, "T3" a table of three
// rows, "F2" facts of two items.
QString plan(const ReportDocument &doc) {
    QStringList out;
    for (const ReportBlock &b : doc.blocks) {
        switch (b.kind) {
        case ReportBlock::Kind::Heading:
            out << QStringLiteral("H");
            break;
        case ReportBlock::Kind::Paragraph:
            out << QStringLiteral("P");
            break;
        case ReportBlock::Kind::PageBreak:
            out << QStringLiteral("|");
            break;
        case ReportBlock::Kind::Table:
            out << QStringLiteral("T%1").arg(b.table.rows.size());
            break;
        case ReportBlock::Kind::Facts:
            out << QStringLiteral("F%1").arg(b.items.size());
            break;
        default:
            out << QStringLiteral("?");
        }
    }
    return out.join(u' ');
}

// Facts measured as rows (3 above the first, 5 between two, 3 below the last).
MeasuredBlock factsMeasure(std::vector<MeasuredRow> rows) {
    MeasuredBlock b;
    b.found = true;
    b.headerHeight = 3;
    b.rowGap = 5;
    b.tailHeight = 3;
    b.bottom = 3 + 3 + 5 * double(rows.size() - 1);
    for (const MeasuredRow &r : rows)
        b.bottom += r.height;
    b.rows = std::move(rows);
    return b;
}

QList<int> repeated(int value, int count) {
    return QList<int>(count, value);
}

} // namespace

class TestReportPagination : public QObject {
    Q_OBJECT
private slots:
    void rowsPlacedWhileTheyFit_data();
    void rowsPlacedWhileTheyFit();
    void rowTallerThanAPageIsCutBetweenLines();
    void factsAreCutBetweenItems();
    void factTallerThanAPageIsCutBetweenLines();
    void continuedStandsInTheColumnMeasured_data();
    void continuedStandsInTheColumnMeasured();
    void runOnBlockGrowsAsLearnt();
};

void TestReportPagination::rowsPlacedWhileTheyFit_data() {
    QTest::addColumn<QList<int>>("lines");
    QTest::addColumn<QList<int>>("group");
    QTest::addColumn<double>("headingTop");
    QTest::addColumn<QString>("expected");
    // Heading 20, header 20, rows of 100 (5 lines) 10 apart, foot 10: four rows on the first page (480),
    // then four under the header of each further page (460).
    QTest::newRow("rows of five lines") << repeated(5, 10) << QList<int>{} << 0.0 << "H T4 | T4 | T2";
    QTest::newRow("rows of one line") << repeated(1, 30) << QList<int>{} << 0.0 << "H T15 | T15";
    // The fourth row (a group row) would end the first page: it starts the next with its rows.
    QTest::newRow("group row kept with its rows")
        << repeated(5, 8) << QList<int>{3} << 0.0 << "H T3 | T4 | T1";
    QTest::newRow("group rows in a row kept with their rows")
        << repeated(5, 8) << QList<int>{2, 3} << 0.0 << "H T2 | T4 | T2";
    // A heading at 400 leaves 80 below it: less than the header and the first row, so it starts the next
    // page with the table.
    QTest::newRow("heading goes with the first row") << repeated(5, 2) << QList<int>{} << 400.0 << "P | H T2";
    QTest::newRow("heading stays when the first row fits")
        << repeated(1, 2) << QList<int>{} << 400.0 << "P H T2";
}

void TestReportPagination::rowsPlacedWhileTheyFit() {
    QFETCH(QList<int>, lines);
    QFETCH(QList<int>, group);
    QFETCH(double, headingTop);
    QFETCH(QString, expected);
    const Made m = tableDocument(lines, group, headingTop);
    PageFrame f = frame();
    f.keepWithNext = 0;
    const PaginatedReport paged = paginateReport(m.doc, m.measured, f);
    QCOMPARE(plan(paged.document), expected);
    QCOMPARE(paged.pages, int(expected.count(u'|')) + 1);
    // Every row once, in order, with its header.
    QStringList items;
    for (const ReportBlock &b : paged.document.blocks) {
        if (b.kind != ReportBlock::Kind::Table) continue;
        QCOMPARE(b.table.header, m.doc.blocks.back().table.header);
        for (const ReportRow &r : b.table.rows)
            items << r.cells.front().text;
    }
    QStringList all;
    for (int i = 0; i < lines.size(); ++i)
        all << QStringLiteral("item%1").arg(i);
    QCOMPARE(items, all);
}

// A row of 60 lines (1200) on pages of 500: cut after the lines that fit on the page it follows (a quarter
// of a page is left there), its rest on the next pages marked continued, with "(continued)" as the first
// line of its first cell.
void TestReportPagination::rowTallerThanAPageIsCutBetweenLines() {
    const Made m = tableDocument({2, 60, 2});
    const PaginatedReport paged = paginateReport(m.doc, m.measured, frame());
    QCOMPARE(plan(paged.document), QStringLiteral("H T2 | T1 | T2"));
    std::vector<ReportRow> rows;
    for (const ReportBlock &b : paged.document.blocks)
        if (b.kind == ReportBlock::Kind::Table)
            rows.insert(rows.end(), b.table.rows.begin(), b.table.rows.end());
    QCOMPARE(rows.size(), size_t(5));
    // Page 1: heading 20, header 20, row 0 (40), gap 10, foot 10 leave 400: 20 lines of row 1.
    // Page 2: header 20 and foot 10 leave 470: 23 lines. Page 3: the last 17 lines, and row 2.
    const QStringList parts = {rows[1].cells[1].text, rows[2].cells[1].text, rows[3].cells[1].text};
    QCOMPARE(parts[0].split(u' ').size(), 20);
    QCOMPARE(parts[1].split(u' ').size(), 23);
    QCOMPARE(parts[2].split(u' ').size(), 17);
    QVERIFY(parts[0].startsWith(QStringLiteral("line00")) && parts[0].endsWith(QStringLiteral("line19")));
    QCOMPARE(parts.join(u' '), m.doc.blocks.back().table.rows[1].cells[1].text);
    QCOMPARE(rows[1].continued, false);
    QCOMPARE(rows[2].continued, true);
    QCOMPARE(rows[3].continued, true);
    QCOMPARE(rows[1].cells[0].text, QStringLiteral("item1"));
    QCOMPARE(rows[2].cells[0].text, QString());
    QCOMPARE(rows[4].cells[0].text, QStringLiteral("item2"));
    QCOMPARE(rows[4].continued, false);
}

void TestReportPagination::factsAreCutBetweenItems() {
    ReportDocument doc;
    QStringList items;
    for (int i = 0; i < 40; ++i)
        items << QStringLiteral("Label %1\tvalue").arg(i);
    doc.facts(items);
    MeasuredReport measured;
    measured.blocks.push_back(factsMeasure(std::vector<MeasuredRow>(40, row(1))));
    PageFrame f = frame();
    f.startInset[ReportBlock::Kind::Facts] = 0;
    const PaginatedReport paged = paginateReport(doc, measured, f);
    // 3 + 20n + 5(n - 1) + 3 <= 500: 19 items a page.
    QCOMPARE(plan(paged.document), QStringLiteral("F19 | F19 | F2"));
    QStringList printed;
    for (const ReportBlock &block : paged.document.blocks)
        printed << block.items;
    QCOMPARE(printed, items);
}

// A fact whose value is 60 lines (1200) on pages of 500: cut between the lines of its value, never printed
// whole over the pages (the layout would run it on, then print empty parts): the first part with its
// label, the rest in parts that `continue`, each with a part of the value, every word once, in order.
void TestReportPagination::factTallerThanAPageIsCutBetweenLines() {
    ReportDocument doc;
    const MeasuredRow tall = row(60);
    const QStringList items = {QStringLiteral("Before\tshort"),
                               QStringLiteral("Carriers\t") + tall.cells[1].text,
                               QStringLiteral("After\tshort")};
    doc.facts(items);
    MeasuredReport measured;
    measured.blocks.push_back(factsMeasure({row(1), tall, row(1)}));
    PageFrame f = frame();
    f.startInset[ReportBlock::Kind::Facts] = 0;
    const PaginatedReport paged = paginateReport(doc, measured, f);
    QCOMPARE(plan(paged.document), QStringLiteral("F2 | F1 | F2"));
    const std::vector<ReportBlock> &blocks = paged.document.blocks;
    QCOMPARE(blocks[0].continues, false);
    QCOMPARE(blocks[2].continues, true);
    QCOMPARE(blocks[4].continues, true);
    QCOMPARE(blocks[0].items[0], items[0]);
    QVERIFY(blocks[0].items[1].startsWith(QStringLiteral("Carriers\tline00")));
    QCOMPARE(blocks[2].items[0].section(u'\t', 0, 0), QString());
    QCOMPARE(blocks[4].items[1], items[2]);
    // Page 1: 3 + 20 + 5 before; the value's lines to 500 - 3: 23 lines. Page 2: 3 + lines + 3 <= 500
    // ("(continued)" beside them, in the label's column): 24 lines. Page 3: the last 13 lines.
    const QStringList parts = {blocks[0].items[1].section(u'\t', 1), blocks[2].items[0].section(u'\t', 1),
                               blocks[4].items[0].section(u'\t', 1)};
    QCOMPARE(parts[0].split(u' ').size(), 23);
    QCOMPARE(parts[1].split(u' ').size(), 24);
    QCOMPARE(parts[2].split(u' ').size(), 13);
    QCOMPARE(parts.join(u' '), tall.cells[1].text);
}

void TestReportPagination::continuedStandsInTheColumnMeasured_data() {
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("restLines"); // lines of the first part of the rest, on page 2
    QTest::newRow("first column") << 0 << 23;
    QTest::newRow("second column") << 1 << 22; // the value's column holds the extra line
}

// The rest of a cut row says "(continued)" in the column the measure found wide enough for it: that
// column's cell is a line taller.
void TestReportPagination::continuedStandsInTheColumnMeasured() {
    QFETCH(int, column);
    QFETCH(int, restLines);
    Made m = tableDocument({2, 60, 2});
    m.measured.blocks.back().continuedColumn = column;
    const PaginatedReport paged = paginateReport(m.doc, m.measured, frame());
    std::vector<ReportRow> rows;
    for (const ReportBlock &b : paged.document.blocks)
        if (b.kind == ReportBlock::Kind::Table)
            rows.insert(rows.end(), b.table.rows.begin(), b.table.rows.end());
    QVERIFY(rows.size() >= 4);
    QCOMPARE(rows[2].continued, true);
    QCOMPARE(rows[2].continuedColumn, column);
    QCOMPARE(rows[2].cells[1].text.split(u' ').size(), restLines);
}

// A callout taller than a page is left whole for the layout to run on; what the layout added inside it
// (learnt from the paged layout) moves what follows it down by as much.
void TestReportPagination::runOnBlockGrowsAsLearnt() {
    ReportDocument doc;
    doc.callout(QStringLiteral("long"));
    doc.paragraph(QStringLiteral("after"));
    MeasuredReport measured;
    MeasuredBlock callout;
    callout.found = true;
    callout.bottom = 800;
    MeasuredBlock after;
    after.found = true;
    after.top = 800;
    after.bottom = 820;
    after.lines.push_back({0, kLine, 0});
    measured.blocks = {callout, after};
    PageFrame f = frame();
    const PaginatedReport plain = paginateReport(doc, measured, f);
    QCOMPARE(plain.plannedTops[1], 800.0);
    f.runOnGrowth[0] = 150;
    const PaginatedReport grown = paginateReport(doc, measured, f);
    QCOMPARE(grown.plannedTops[1], 950.0);
    QCOMPARE(grown.source, (std::vector<int>{0, 1}));
}

QTEST_GUILESS_MAIN(TestReportPagination)
#include "tst_reportpagination.moc"
