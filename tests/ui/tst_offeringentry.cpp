// SPDX-License-Identifier: MIT
// Offerings typed by hand: "+ Add" opens the new row's first cell, a typed carrier gets its id as paste
// and import derive it (and completes from the case's carriers), and a choice cell takes the whole
// typed text (AM Best "A" is A, not A++).
#include "windowfixture.h"

#include "casedocument.h"
#include "caseeditor.h"
#include "comparemodel.h"
#include "io/offeringimport.h"
#include "mainwindow.h"
#include "offeringsmodel.h"
#include "offeringspage.h"
#include "rankingcontroller.h"
#include "rankingmodel.h"
#include "resultspanel.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QLineEdit>
#include <QMessageBox>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

using namespace pw;

class TestOfferingEntry : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void addOpensFirstCell_data();
    void addOpensFirstCell();
    void typedCarrierGetsDerivedId_data();
    void typedCarrierGetsDerivedId();
    void carrierCellCompletesCaseCarriers();
    void sameCarrierIsOneCarrier();
    void choiceCellMatchesWholeText_data();
    void choiceCellMatchesWholeText();
    void typedIdFollowsCarrierAndLine_data();
    void typedIdFollowsCarrierAndLine();
    void typedCarrierTakesTheCaseSpelling_data();
    void typedCarrierTakesTheCaseSpelling();
    void compareTellsCarriersByTheirId();

private:
    MainWindow *m_w = nullptr;
    QTableView *offeringsView() const {
        return m_w->findChild<QTableView *>(QStringLiteral("offeringsTable"));
    }
    OfferingsModel *model() const { return m_w->caseEditor()->offeringsPage()->model(); }
    // Chooses a line in the filter bar and clicks "+ Add"; returns the new row.
    int addOffering(const QString &line);
    // Selects a cell of the offerings table and types into it as a person would, then Enter.
    void typeIntoCell(int row, const QString &key, const QString &text);
};

void TestOfferingEntry::init() {
    m_w = test::openWindowOnSample();
    QVERIFY(m_w);
}

void TestOfferingEntry::cleanup() {
    delete m_w;
    m_w = nullptr;
}

int TestOfferingEntry::addOffering(const QString &line) {
    m_w->caseEditor()->showSection(CaseEditor::Offerings);
    auto *filter = m_w->findChild<QComboBox *>(QStringLiteral("offeringLineFilter"));
    filter->setCurrentIndex(filter->findData(line));
    auto *add = m_w->findChild<QToolButton *>(QStringLiteral("offeringsAddButton"));
    if (!add) return -1;
    QTest::mouseClick(add, Qt::LeftButton);
    return model()->rowCount() - 1;
}

void TestOfferingEntry::typeIntoCell(int row, const QString &key, const QString &text) {
    QTableView *view = offeringsView();
    auto *proxy = qobject_cast<QSortFilterProxyModel *>(view->model());
    QVERIFY(proxy);
    const QModelIndex idx = proxy->mapFromSource(model()->index(row, model()->columnOf(key)));
    QVERIFY(idx.isValid());
    view->setFocus();
    view->setCurrentIndex(idx);
    QTest::keyClicks(view, text.left(1)); // the first key opens the cell's editor and lands in it
    QWidget *editor = QApplication::focusWidget();
    QVERIFY(editor && editor != view);
    if (text.size() > 1) QTest::keyClicks(editor, text.mid(1));
    QTest::keyClick(editor, Qt::Key_Return);
    QCoreApplication::processEvents(); // the delegate commits on the next turn of the event loop
}

void TestOfferingEntry::addOpensFirstCell_data() {
    QTest::addColumn<int>("section");
    QTest::addColumn<QString>("button");
    QTest::addColumn<QString>("arrayPath");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("key");
    QTest::newRow("offering") << int(CaseEditor::Offerings) << "offeringsAddButton"
                              << "offerings"
                              << "Liberty Mutual"
                              << "provider_name";
    QTest::newRow("driver") << int(CaseEditor::Drivers) << "driversAddButton"
                            << "input.drivers"
                            << "Maria"
                            << "first_name";
    QTest::newRow("vehicle") << int(CaseEditor::Vehicles) << "vehiclesAddButton"
                             << "input.vehicles_detail"
                             << "2019"
                             << "year";
}

void TestOfferingEntry::addOpensFirstCell() {
    QFETCH(int, section);
    QFETCH(QString, button);
    QFETCH(QString, arrayPath);
    QFETCH(QString, typed);
    QFETCH(QString, key);
    const JsonValue vehiclesOnPolicy = m_w->document()->value(QStringLiteral("input.vehicles"));
    m_w->caseEditor()->showSection(section);
    auto *add = m_w->findChild<QToolButton *>(button);
    QVERIFY(add);
    const int before = m_w->document()->value(arrayPath).size();
    QTest::mouseClick(add, Qt::LeftButton);
    QCOMPARE(m_w->document()->value(arrayPath).size(), before + 1);
    // Focus is in the new row's first cell editor, not on the button.
    QWidget *focus = QApplication::focusWidget();
    QVERIFY(focus);
    QVERIFY2(focus != add, "focus stayed on + Add");
    QVERIFY2(qobject_cast<QLineEdit *>(focus), focus->metaObject()->className());
    QTest::keyClicks(focus, typed);
    QTest::keyClick(focus, Qt::Key_Return);
    QCoreApplication::processEvents();
    const QString path = QStringLiteral("%1[%2].%3").arg(arrayPath).arg(before).arg(key);
    const JsonValue v = m_w->document()->value(path);
    QCOMPARE(v.isNumber() ? QString::number(v.toDouble()) : v.toString(), typed);
    QVERIFY(m_w->document()->value(QStringLiteral("input.vehicles")) == vehiclesOnPolicy);
}

void TestOfferingEntry::typedCarrierGetsDerivedId_data() {
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("expectedId");
    QTest::newRow("new carrier") << "Liberty Mutual"
                                 << "prov_liberty_mutual";
    QTest::newRow("punctuation") << "State Farm & Co."
                                 << "prov_state_farm_co";
    QTest::newRow("carrier of the case") << "Harborview Mutual"
                                         << "prov_harborview";
    QTest::newRow("case, other spelling") << "harborview  MUTUAL"
                                          << "prov_harborview";
}

void TestOfferingEntry::typedCarrierGetsDerivedId() {
    QFETCH(QString, typed);
    QFETCH(QString, expectedId);
    const int row = addOffering(QStringLiteral("home"));
    QVERIFY(row >= 14);
    QWidget *editor = QApplication::focusWidget();
    QVERIFY(qobject_cast<QLineEdit *>(editor));
    QTest::keyClicks(editor, typed);
    QTest::keyClick(editor, Qt::Key_Return);
    QCoreApplication::processEvents();
    const JsonValue o = m_w->document()->value(QStringLiteral("offerings[%1]").arg(row));
    QCOMPARE(o[u"provider_id"].toString(), expectedId);
    // The same derivation as paste and import (one function).
    QCOMPARE(providerIdForName(typed, m_w->document()->root()), expectedId);
    // Name and id are one edit: one undo takes both back.
    m_w->document()->undoStack()->undo();
    const JsonValue back = m_w->document()->value(QStringLiteral("offerings[%1]").arg(row));
    QVERIFY(!back.contains(u"provider_id") && !back.contains(u"provider_name"));
}

void TestOfferingEntry::carrierCellCompletesCaseCarriers() {
    addOffering(QStringLiteral("auto"));
    auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    QVERIFY(editor);
    QCompleter *c = editor->completer();
    QVERIFY(c);
    QStringList offered;
    for (int r = 0; r < c->model()->rowCount(); ++r)
        offered << c->model()->index(r, 0).data().toString();
    QCOMPARE(offered,
             (QStringList{QStringLiteral("Bayside Insurance"), QStringLiteral("Granite State Casualty"),
                          QStringLiteral("Harborview Mutual"), QStringLiteral("Keystone Indemnity"),
                          QStringLiteral("Northpoint Assurance")}));
    QTest::keyClicks(editor, QStringLiteral("Keyst"));
    QCOMPARE(editor->text(), QStringLiteral("Keystone Indemnity"));
    QTest::keyClick(editor, Qt::Key_Return);
    QCoreApplication::processEvents();
    const int row = model()->rowCount() - 1;
    QCOMPARE(m_w->document()->value(QStringLiteral("offerings[%1].provider_id").arg(row)).toString(),
             QStringLiteral("prov_keystone"));
}

void TestOfferingEntry::sameCarrierIsOneCarrier() {
    struct Typed {
        const char *line, *carrier, *premium;
    };
    for (const Typed &t : {Typed{"home", "Liberty Mutual", "2100"}, Typed{"auto", "Liberty Mutual", "1500"},
                           Typed{"umbrella", "Travelers", "300"}}) {
        const int row = addOffering(QString::fromLatin1(t.line));
        QWidget *editor = QApplication::focusWidget();
        QVERIFY(qobject_cast<QLineEdit *>(editor));
        QTest::keyClicks(editor, QString::fromLatin1(t.carrier));
        QTest::keyClick(editor, Qt::Key_Return);
        QCoreApplication::processEvents();
        typeIntoCell(row, QStringLiteral("attributes.line_premium_annual"), QString::fromLatin1(t.premium));
        typeIntoCell(row, QStringLiteral("quality_rating"), QStringLiteral("A"));
        QCOMPARE(m_w->document()->value(QStringLiteral("offerings[%1].category").arg(row)).toString(),
                 QString::fromLatin1(t.line));
    }
    // A pasted Liberty umbrella is the same carrier as the typed Liberty rows.
    m_w->caseEditor()->offeringsPage()->pasteText(
        QStringLiteral("Carrier\tLine\tProduct\tPremium\tAM Best\n"
                       "Liberty Mutual\tumbrella\tLM Umbrella\t$400.00\tA\n"));
    const JsonValue offerings = m_w->document()->value(QStringLiteral("offerings"));
    QCOMPARE(offerings.size(), 18);
    QCOMPARE(offerings.at(14)[u"provider_id"].toString(), QStringLiteral("prov_liberty_mutual"));
    QCOMPARE(offerings.at(15)[u"provider_id"].toString(), QStringLiteral("prov_liberty_mutual"));
    QCOMPARE(offerings.at(16)[u"provider_id"].toString(), QStringLiteral("prov_travelers"));
    QCOMPARE(offerings.at(17)[u"provider_id"].toString(), QStringLiteral("prov_liberty_mutual"));
    QVERIFY(m_w->ranking()->waitForIdle(10000));
    QVERIFY2(m_w->ranking()->hasRun() && !m_w->ranking()->isStale(),
             qPrintable(QString::fromUtf8(writeJson(m_w->ranking()->run()[u"output"][u"message"]))));
    int seen = 0;
    for (const auto &s : m_w->ranking()->run()[u"solutions"].arrayItems()) {
        QSet<QString> ids, carriers;
        for (const auto &o : s[u"offerings"].arrayItems()) {
            ids << o[u"id"].toString();
            carriers << o[u"provider_id"].toString();
        }
        if (ids == QSet<QString>{offerings.at(14)[u"id"].toString(), offerings.at(15)[u"id"].toString(),
                                 offerings.at(17)[u"id"].toString()}) {
            ++seen;
            QCOMPARE(carriers.size(), 1); // one carrier, not two or three
            QCOMPARE(s[u"providers"].size(), 1);
        }
        if (ids.contains(offerings.at(16)[u"id"].toString()) &&
            ids.contains(offerings.at(14)[u"id"].toString()))
            QVERIFY(s[u"providers"].size() >= 2); // Travelers never merges with Liberty
    }
    QCOMPARE(seen, 1);
}

void TestOfferingEntry::choiceCellMatchesWholeText_data() {
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("stored");
    QTest::newRow("A") << "A"
                       << "A";
    QTest::newRow("A+") << "A+"
                        << "A+";
    QTest::newRow("A++") << "A++"
                         << "A++";
    QTest::newRow("A-") << "A-"
                        << "A-";
    QTest::newRow("b") << "b"
                       << "B";
    QTest::newRow("B+") << "B+"
                        << "B+";
    QTest::newRow("NR") << "NR"
                        << "NR";
}

void TestOfferingEntry::choiceCellMatchesWholeText() {
    QFETCH(QString, typed);
    QFETCH(QString, stored);
    m_w->caseEditor()->showSection(CaseEditor::Offerings);
    typeIntoCell(0, QStringLiteral("quality_rating"), typed);
    QCOMPARE(m_w->document()->value(QStringLiteral("offerings[0].quality_rating")).toString(), stored);
}

void TestOfferingEntry::typedIdFollowsCarrierAndLine_data() {
    QTest::addColumn<QString>("line");      // chosen before "+ Add"
    QTest::addColumn<QString>("statedId");  // typed into the ID cell first ("" = none)
    QTest::addColumn<QString>("carrier");   // typed into the new row's first cell
    QTest::addColumn<QString>("lineAfter"); // typed into the Line cell afterwards ("" = none)
    QTest::addColumn<QString>("id");
    QTest::newRow("home") << "home"
                          << ""
                          << "Liberty Mutual"
                          << ""
                          << "quote_line_liberty_mutual_home_001";
    QTest::newRow("auto") << "auto"
                          << ""
                          << "Liberty Mutual"
                          << ""
                          << "quote_line_liberty_mutual_auto_001";
    QTest::newRow("umbrella") << "umbrella"
                              << ""
                              << "Travelers"
                              << ""
                              << "quote_line_travelers_umbrella_001";
    QTest::newRow("line changed") << "home"
                                  << ""
                                  << "Liberty Mutual"
                                  << "auto"
                                  << "quote_line_liberty_mutual_auto_001";
    QTest::newRow("carrier of the case") << "home"
                                         << ""
                                         << "Keystone Indemnity"
                                         << ""
                                         << "quote_line_keystone_home_002";
    QTest::newRow("case carrier, line changed") << "home"
                                                << ""
                                                << "Bayside Insurance"
                                                << "umbrella"
                                                << "quote_line_bayside_umbrella_001";
    QTest::newRow("stated id stays") << "home"
                                     << "LM-2026-17"
                                     << "Liberty Mutual"
                                     << "auto"
                                     << "LM-2026-17";
}

void TestOfferingEntry::typedIdFollowsCarrierAndLine() {
    QFETCH(QString, line);
    QFETCH(QString, statedId);
    QFETCH(QString, carrier);
    QFETCH(QString, lineAfter);
    QFETCH(QString, id);
    const int row = addOffering(line);
    QCOMPARE(row, 14);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    if (!statedId.isEmpty()) typeIntoCell(row, QStringLiteral("id"), statedId);
    typeIntoCell(row, QStringLiteral("provider_name"), carrier);
    if (!lineAfter.isEmpty()) typeIntoCell(row, QStringLiteral("category"), lineAfter);
    const JsonValue o = m_w->document()->value(QStringLiteral("offerings[%1]").arg(row));
    QCOMPARE(o[u"category"].toString(), lineAfter.isEmpty() ? line : lineAfter);
    QCOMPARE(o[u"id"].toString(), id);
    if (!statedId.isEmpty()) return;
    // The same derivation as a paste of the same carrier and line: the pasted row is numbered next.
    m_w->caseEditor()->offeringsPage()->pasteText(
        QStringLiteral("Carrier\tLine\tPremium\tAM Best\n%1\t%2\t$900\tA\n")
            .arg(carrier, o[u"category"].toString()));
    const JsonValue pasted = m_w->document()->value(QStringLiteral("offerings[%1]").arg(row + 1));
    QCOMPARE(pasted[u"provider_id"].toString(), o[u"provider_id"].toString());
    QCOMPARE(pasted[u"id"].toString(),
             id.left(id.size() - 3) + QString::number(id.right(3).toInt() + 1).rightJustified(3, u'0'));
}

void TestOfferingEntry::typedCarrierTakesTheCaseSpelling_data() {
    QTest::addColumn<QString>("pastedFirst"); // a carrier pasted before typing ("" = none)
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("stored");
    QTest::newRow("other case") << ""
                                << "keystone indemnity"
                                << "Keystone Indemnity";
    QTest::newRow("capitals and spaces") << ""
                                         << "HARBORVIEW   mutual"
                                         << "Harborview Mutual";
    QTest::newRow("new carrier as typed") << ""
                                          << "Liberty  Mutual"
                                          << "Liberty Mutual";
    QTest::newRow("pasted carrier") << "Liberty Mutual"
                                    << "LIBERTY MUTUAL"
                                    << "Liberty Mutual";
    QTest::newRow("pasted after typed") << ""
                                        << "liberty"
                                        << "liberty";
}

void TestOfferingEntry::typedCarrierTakesTheCaseSpelling() {
    QFETCH(QString, pastedFirst);
    QFETCH(QString, typed);
    QFETCH(QString, stored);
    if (!pastedFirst.isEmpty())
        m_w->caseEditor()->offeringsPage()->pasteText(
            QStringLiteral("Carrier\tLine\tPremium\tAM Best\n%1\tumbrella\t$400\tA\n").arg(pastedFirst));
    const int row = addOffering(QStringLiteral("home"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    typeIntoCell(row, QStringLiteral("provider_name"), typed);
    const JsonValue o = m_w->document()->value(QStringLiteral("offerings[%1]").arg(row));
    QCOMPARE(o[u"provider_name"].toString(), stored);
    // A later paste of the same carrier in yet another spelling is shown the case's way too.
    m_w->caseEditor()->offeringsPage()->pasteText(
        QStringLiteral("Carrier\tLine\tPremium\tAM Best\n%1\tauto\t$900\tA\n").arg(typed.toUpper()));
    const JsonValue pasted = m_w->document()->value(QStringLiteral("offerings[%1]").arg(row + 1));
    QCOMPARE(pasted[u"provider_name"].toString(), stored);
    QCOMPARE(pasted[u"provider_id"].toString(), o[u"provider_id"].toString());
    // The table names the carrier one way throughout.
    QSet<QString> spellings;
    for (int r = 0; r < model()->rowCount(); ++r) {
        const QString name = model()->rowValue(r)[u"provider_name"].toString();
        if (name.compare(stored, Qt::CaseInsensitive) == 0) spellings << name;
    }
    QCOMPARE(spellings, QSet<QString>{stored});
}

void TestOfferingEntry::compareTellsCarriersByTheirId() {
    // Without today's coverage the packages are read against the first package (no Current column), so the
    // second column's tint says whether the two packages' carriers differ.
    m_w->document()->setValue(QStringLiteral("input.request_config.coverage_analysis"), JsonValue(false),
                              QStringLiteral("Rank only"));
    m_w->document()->setValue(QStringLiteral("input.current_coverage"), JsonValue(),
                              QStringLiteral("Remove"));
    m_w->document()->setValue(QStringLiteral("input.current_portfolio"), JsonValue(),
                              QStringLiteral("Remove"));
    // A file holds a second Keystone home quote with the carrier written another way (same carrier id).
    JsonValue alt = m_w->document()->value(QStringLiteral("offerings[3]"));
    QCOMPARE(alt[u"provider_id"].toString(), QStringLiteral("prov_keystone"));
    alt.insert(QStringLiteral("id"), JsonValue(QStringLiteral("keystone_home_alt")));
    alt.insert(QStringLiteral("provider_name"), JsonValue(QStringLiteral("KEYSTONE  indemnity")));
    JsonValue attrs = alt[u"attributes"];
    attrs.remove(u"package_id");
    attrs.remove(u"package_premium_annual");
    alt.insert(QStringLiteral("attributes"), attrs);
    m_w->document()->appendItems(QStringLiteral("offerings"), {alt}, QStringLiteral("Add quote"));
    QVERIFY(m_w->ranking()->waitForIdle(10000));
    RankingModel *rm = m_w->results()->rankingModel();
    auto homeOf = [&](int r) {
        for (const auto &o : rm->solution(r)[u"offerings"].arrayItems())
            if (o[u"category"].toString() == u"home") return o[u"id"].toString();
        return QString();
    };
    int withAlt = -1, withOriginal = -1;
    for (int r = 0; r < rm->rowCount(); ++r) {
        if (withAlt < 0 && homeOf(r) == u"keystone_home_alt") withAlt = r;
        if (withOriginal < 0 && homeOf(r) == u"quote_line_keystone_home_001") withOriginal = r;
    }
    QVERIFY(withAlt >= 0 && withOriginal >= 0);
    for (int r = 0; r < rm->rowCount(); ++r)
        rm->setData(rm->index(r, RankingModel::Compare), Qt::Unchecked, Qt::CheckStateRole);
    QVERIFY(rm->setData(rm->index(withAlt, RankingModel::Compare), Qt::Checked, Qt::CheckStateRole));
    QVERIFY(rm->setData(rm->index(withOriginal, RankingModel::Compare), Qt::Checked, Qt::CheckStateRole));
    CompareModel *cm = m_w->results()->compareModel();
    QCOMPARE(cm->columnCount(), 2);
    const int carrierRow = cm->rowOf(QStringLiteral("Home"), QStringLiteral("Carrier"));
    QVERIFY(carrierRow >= 0);
    QVERIFY(cm->index(carrierRow, 0).data().toString() != cm->index(carrierRow, 1).data().toString());
    // One carrier: not tinted as a difference.
    QVERIFY2(!cm->index(carrierRow, 1).data(Qt::BackgroundRole).isValid(),
             qPrintable(cm->index(carrierRow, 0).data().toString() + u'|' +
                        cm->index(carrierRow, 1).data().toString()));
}

QTEST_MAIN(TestOfferingEntry)
#include "tst_offeringentry.moc"
