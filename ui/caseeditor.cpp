// SPDX-License-Identifier: MIT
#include "caseeditor.h"

#include "engine/plainwords.h"

#include "casedocument.h"
#include "compositepage.h"
#include "coveragefields.h"
#include "fieldbinder.h"
#include "formpage.h"
#include "jsontablemodel.h"
#include "offeringspage.h"
#include "tablepage.h"
#include "util/numbers.h"
#include "util/usdata.h"

#include <QDate>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSplitter>
#include <QStackedWidget>
#include <QUuid>
#include <QVBoxLayout>

namespace pw {

namespace {

using K = FieldKind;

// Choices whose labels are the values in words ("domestic_partner" shows as "domestic partner"); the
// case file keeps the value.
std::vector<std::pair<QString, QString>> inWords(const QStringList &values) {
    std::vector<std::pair<QString, QString>> out;
    for (const QString &v : values) {
        const QString words = codeWords(v); // "domestic partner"; a choice list reads "Domestic partner"
        out.emplace_back(v, words.left(1).toUpper() + words.mid(1));
    }
    return out;
}

std::vector<std::pair<QString, QString>> lineChoices() {
    return inWords({QStringLiteral("home"), QStringLiteral("auto"), QStringLiteral("umbrella"),
                    QStringLiteral("flood")});
}

} // namespace

CaseEditor::CaseEditor(CaseDocument *doc, QWidget *parent)
    : QWidget(parent)
    , m_doc(doc) {
    setObjectName(QStringLiteral("caseEditor"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // The section list keeps its width; the section's editor takes all the rest.
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("sectionList"));
    m_list->setFixedWidth(140);
    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("sectionStack"));
    layout->addWidget(m_list);
    layout->addWidget(m_stack, 1);

    // Insured
    auto *insured = new FormPage(
        doc, tr("Insured"),
        {QStringLiteral("input.applicant"), QStringLiteral("input.address"),
         QStringLiteral("input.request_config"), QStringLiteral("input.premium"),
         QStringLiteral("input.naics"), QStringLiteral("input.coverage_types"),
         QStringLiteral("input.appetite_bucket"), QStringLiteral("input")},
        {{tr("Applicant"),
          QStringLiteral("input.applicant"),
          {{QStringLiteral("first_name"), tr("First name"), K::Text, {}, {}, {}},
           {QStringLiteral("last_name"), tr("Last name"), K::Text, {}, {}, {}},
           {QStringLiteral("date_of_birth"), tr("Date of birth"), K::Date, {}, {}, {}},
           {QStringLiteral("marital_status"),
            tr("Marital status"),
            K::Choice,
            {},
            inWords({QStringLiteral("single"), QStringLiteral("married"), QStringLiteral("domestic_partner"),
                     QStringLiteral("divorced"), QStringLiteral("widowed")}),
            {}},
           {QStringLiteral("occupation"), tr("Occupation"), K::Text, {}, {}, {}},
           {QStringLiteral("net_worth"),
            tr("Net worth"),
            K::Money,
            tr("Above $500,000 suggests an umbrella"),
            {},
            {}},
           {QStringLiteral("cash_reserve"),
            tr("Cash reserve"),
            K::Money,
            tr("Deductibles above it are flagged as gaps"),
            {},
            {}},
           {QStringLiteral("rental_properties"), tr("Rental properties"), K::Integer, {}, {}, {}},
           {QStringLiteral("naics"),
            tr("NAICS codes"),
            K::StringList,
            tr("NAICS: North American Industry Classification System codes of the insured's business"),
            {},
            {}}}},
         {tr("Address"),
          QStringLiteral("input.address"),
          {{QStringLiteral("line1"), tr("Street"), K::Text, {}, {}, {}},
           {QStringLiteral("city"), tr("City"), K::Text, {}, {}, {}},
           {QStringLiteral("state"),
            tr("State"),
            K::Choice,
            tr("Two-letter USPS code; carriers exclude states"),
            inWords(usStateCodes()),
            {}},
           {QStringLiteral("zip_code"),
            tr("ZIP"),
            K::Text,
            tr("Five-digit ZIP code, checked against the state"),
            {},
            {}}}},
         {tr("Request"),
          QStringLiteral("input"),
          {{QStringLiteral("premium"),
            tr("Current total premium"),
            K::Money,
            tr("What the insured pays today for all lines; changes are measured against it"),
            {},
            {}},
           {QStringLiteral("request_config.quote_matching"), tr("Rank packages"), K::Bool, {}, {}, {}},
           {QStringLiteral("request_config.coverage_analysis"), tr("Gap analysis"), K::Bool, {}, {}, {}}}}});
    m_zipCheck = new QLabel(insured);
    m_zipCheck->setObjectName(QStringLiteral("zipCheck"));
    m_zipCheck->setWordWrap(true);
    insured->contentLayout()->insertWidget(insured->contentLayout()->count() - 1, m_zipCheck);
    m_zipEdit = insured->binder(1)->editorFor(QStringLiteral("zip_code"));
    if (auto *e = qobject_cast<QLineEdit *>(m_zipEdit))
        connect(e, &QLineEdit::textChanged, this, &CaseEditor::updateZipCheck);
    m_pages.push_back(insured);

    // Residence
    m_pages.push_back(new FormPage(
        doc, tr("Residence"), {QStringLiteral("input.residence")},
        {{tr("Dwelling"),
          QStringLiteral("input.residence"),
          {{QStringLiteral("construction"),
            tr("Construction"),
            K::Choice,
            {},
            inWords({QStringLiteral("frame"), QStringLiteral("masonry"), QStringLiteral("masonry_veneer"),
                     QStringLiteral("superior"), QStringLiteral("fire_resistive"), QStringLiteral("log"),
                     QStringLiteral("other")}),
            {}},
           {QStringLiteral("square_feet"), tr("Living area"), K::Integer, {}, {}, tr("sq ft")},
           {QStringLiteral("year_built"), tr("Year built"), K::Integer, {}, {}, {}},
           {QStringLiteral("roof_year"),
            tr("Roof year"),
            K::Integer,
            tr("Year the roof was last replaced"),
            {},
            {}},
           {QStringLiteral("replacement_cost"),
            tr("Replacement cost"),
            K::Money,
            tr("Estimated cost to rebuild; the dwelling limit is compared with it"),
            {},
            {}},
           {QStringLiteral("flood_zone"),
            tr("Flood zone"),
            K::Choice,
            tr("FEMA flood zone; A and V zones are high risk (an uninsured flood is a critical gap)"),
            inWords({QStringLiteral("X"), QStringLiteral("B"), QStringLiteral("C"), QStringLiteral("D"),
                     QStringLiteral("A"), QStringLiteral("AE"), QStringLiteral("AH"), QStringLiteral("AO"),
                     QStringLiteral("V"), QStringLiteral("VE")}),
            {}},
           {QStringLiteral("rental_units"), tr("Rental units"), K::Integer, {}, {}, {}},
           {QStringLiteral("protection_features"),
            tr("Protection features"),
            K::StringList,
            tr("Comma separated: sprinklers, central_alarm, deadbolts…"),
            {},
            {}},
           {QStringLiteral("pool"), tr("Swimming pool"), K::Bool, tr("A pool suggests an umbrella"), {}, {}},
           {QStringLiteral("trampoline"),
            tr("Trampoline"),
            K::Bool,
            tr("A trampoline suggests an umbrella"),
            {},
            {}}}}}));

    // Drivers
    m_drivers = new JsonTableModel(
        doc, QStringLiteral("input.drivers"),
        {{QStringLiteral("first_name"), tr("First name"), K::Text, {}, {}, {}},
         {QStringLiteral("last_name"), tr("Last name"), K::Text, {}, {}, {}},
         {QStringLiteral("date_of_birth"), tr("Date of birth"), K::Date, {}, {}, {}},
         {QStringLiteral("years_licensed"), tr("Yrs licensed"), K::Integer, tr("Years licensed"), {}, {}},
         {QStringLiteral("violations_5yr"),
          tr("Violations 5y"),
          K::Integer,
          tr("Moving violations in the last 5 years"),
          {},
          {}},
         {QStringLiteral("accidents_5yr"),
          tr("Accidents 5y"),
          K::Integer,
          tr("At-fault accidents in the last 5 years"),
          {},
          {}},
         {QStringLiteral("driver_id"), tr("Driver ID"), K::Text, tr("Links vehicles to drivers"), {}, {}}},
        this);
    m_drivers->setObjectName(QStringLiteral("drivers"));
    m_drivers->setIdKey(QStringLiteral("driver_id"));
    m_pages.push_back(new TablePage(doc, m_drivers, tr("Drivers"), [] {
        JsonValue d = JsonValue::object();
        d.insert(QStringLiteral("driver_id"), JsonValue(QUuid::createUuid().toString(QUuid::WithoutBraces)));
        return d;
    }));

    // Vehicles
    m_vehicles = new JsonTableModel(
        doc, QStringLiteral("input.vehicles_detail"),
        {{QStringLiteral("year"), tr("Year"), K::Integer, tr("Model year"), {}, {}},
         {QStringLiteral("make"), tr("Make"), K::Text, {}, {}, {}},
         {QStringLiteral("model"), tr("Model"), K::Text, {}, {}, {}},
         {QStringLiteral("vin"),
          tr("VIN"),
          K::Text,
          tr("Vehicle identification number: 17 characters, the 9th is a check digit"),
          {},
          {}},
         {QStringLiteral("garaging_zip"), tr("Garaging ZIP"), K::Text, {}, {}, {}},
         {QStringLiteral("primary_driver_id"), tr("Primary driver"), K::Choice, {}, {}, {}}},
        this);
    m_vehicles->setObjectName(QStringLiteral("vehicles"));
    m_vehicles->setCellCheck(QStringLiteral("vin"), [](const JsonValue &, const JsonValue &cell) {
        const QString vin = cell.toString().trimmed().toUpper();
        if (vin.isEmpty()) return QString();
        if (!vinWellFormed(vin)) return tr("VIN must be 17 characters of A–Z and 0–9 without I, O or Q");
        if (!vinCheckDigitValid(vin))
            return tr("VIN check digit (9th character) does not match: a typo is likely");
        return QString();
    });
    m_vehicles->setCellCheck(QStringLiteral("year"), [](const JsonValue &, const JsonValue &cell) {
        if (!cell.isNumber()) return QString();
        const int y = int(cell.toDouble());
        const int max = QDate::currentDate().year() + 2;
        if (y < 1900 || y > max) return tr("Model year %1 is outside 1900–%2").arg(y).arg(max);
        return QString();
    });
    auto *vehiclesPage = new CompositePage(CompositePage::Arrangement::Stacked);
    vehiclesPage->addPage(new FormPage(doc, tr("Vehicles"),
                                       {QStringLiteral("input.vehicles"), QStringLiteral("input.household")},
                                       {{tr("Household"),
                                         QStringLiteral("input"),
                                         {{QStringLiteral("vehicles"),
                                           tr("Vehicles on the policy"),
                                           K::Integer,
                                           tr("Auto quotes for fewer vehicles are filtered"),
                                           {},
                                           {}}}}}),
                          QString(), 0);
    vehiclesPage->addPage(
        new TablePage(doc, m_vehicles, tr("Vehicle details"), [] { return JsonValue::object(); }), QString(),
        1);
    m_pages.push_back(vehiclesPage);

    // Current coverage
    auto *current = new CompositePage(CompositePage::Arrangement::Tabbed);
    current->tabs()->setObjectName(QStringLiteral("currentCoverageTabs"));
    for (const char *l : {"home", "auto", "umbrella", "flood"}) {
        const QString line = QString::fromLatin1(l);
        const QString base = QStringLiteral("input.current_coverage.") + line;
        current->addPage(
            new FormPage(doc, tr("Current %1 policy").arg(line), {base},
                         {{tr("Policy"),
                           base,
                           {{QStringLiteral("carrier"),
                             tr("Carrier"),
                             K::Text,
                             tr("Incumbent carrier (scores service points)"),
                             {},
                             {}},
                            {QStringLiteral("annual_premium"), tr("Annual premium"), K::Money, {}, {}, {}},
                            {QStringLiteral("policy_number"), tr("Policy number"), K::Text, {}, {}, {}},
                            {QStringLiteral("expiration_date"), tr("Expires"), K::Date, {}, {}, {}}}},
                          {tr("Coverage"), base, coverageFields(line)}}),
            lineTitle(line));
    }
    m_pages.push_back(current);

    // History
    auto *history = new CompositePage(CompositePage::Arrangement::Stacked);
    history->addPage(new FormPage(doc, tr("Insurance history"),
                                  {QStringLiteral("input.insurance_history.continuous_coverage_years")},
                                  {{tr("Coverage"),
                                    QStringLiteral("input.insurance_history"),
                                    {{QStringLiteral("continuous_coverage_years"),
                                      tr("Continuous coverage"),
                                      K::Number,
                                      {},
                                      {},
                                      tr("years")}}}}),
                     QString(), 0);
    auto *lapses = new JsonTableModel(doc, QStringLiteral("input.insurance_history.lapses"),
                                      {{QStringLiteral("start"), tr("Start"), K::Date, {}, {}, {}},
                                       {QStringLiteral("end"), tr("End"), K::Date, {}, {}, {}}},
                                      this);
    lapses->setObjectName(QStringLiteral("lapses"));
    history->addPage(
        new TablePage(doc, lapses, tr("Lapses in coverage"), [] { return JsonValue::object(); }));
    auto *claims = new JsonTableModel(doc, QStringLiteral("input.insurance_history.claims"),
                                      {{QStringLiteral("date"), tr("Date"), K::Date, {}, {}, {}},
                                       {QStringLiteral("line"), tr("Line"), K::Choice, {}, lineChoices(), {}},
                                       {QStringLiteral("type"), tr("Type"), K::Text, {}, {}, {}},
                                       {QStringLiteral("amount"), tr("Amount"), K::Money, {}, {}, {}}},
                                      this);
    claims->setObjectName(QStringLiteral("claims"));
    history->addPage(new TablePage(doc, claims, tr("Claims"), [] { return JsonValue::object(); }));
    auto *nonRenewals =
        new JsonTableModel(doc, QStringLiteral("input.insurance_history.non_renewals"),
                           {{QStringLiteral("carrier"),
                             tr("Carrier"),
                             K::Text,
                             tr("A carrier that non-renewed the insured within 5 years is disqualified"),
                             {},
                             {}},
                            {QStringLiteral("line"), tr("Line"), K::Choice, {}, lineChoices(), {}},
                            {QStringLiteral("date"), tr("Date"), K::Date, {}, {}, {}}},
                           this);
    nonRenewals->setObjectName(QStringLiteral("nonRenewals"));
    history->addPage(new TablePage(doc, nonRenewals, tr("Non-renewals"), [] { return JsonValue::object(); }));
    m_pages.push_back(history);

    m_offerings = new OfferingsPage(doc);
    m_pages.push_back(m_offerings);

    for (int i = 0; i < SectionCount; ++i) {
        m_stack->addWidget(m_pages[size_t(i)]);
        connect(m_pages[size_t(i)], &CasePage::message, this, &CaseEditor::message);
        auto *item = new QListWidgetItem(m_list);
        item->setToolTip(tr("Ctrl+%1").arg(i + 1));
    }
    connect(m_list, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    auto refresh = [this] {
        refreshBadges();
        updateZipCheck();
    };
    connect(doc, &CaseDocument::edited, this, refresh);
    connect(doc, &CaseDocument::validated, this, refresh); // an edit's problems checked on a worker
    connect(doc, &CaseDocument::refusedInputChanged, this, refresh);
    refreshBadges();
    updateZipCheck();
    m_list->setCurrentRow(0);
}

void CaseEditor::setEditable(bool editable) {
    m_stack->setEnabled(editable);
}

void CaseEditor::showSection(int section) {
    if (section >= 0 && section < SectionCount) m_list->setCurrentRow(section);
}

int CaseEditor::currentSection() const {
    return m_list->currentRow();
}

bool CaseEditor::focusPath(const QString &path) {
    // Deepest owner first: the Insured page claims "input" as a whole, the others are more specific.
    for (int pass = 0; pass < 2; ++pass)
        for (int i = 0; i < SectionCount; ++i) {
            if ((pass == 0) == (i == Insured)) continue;
            if (m_pages[size_t(i)]->ownsPath(path)) {
                showSection(i);
                return m_pages[size_t(i)]->focusPath(path);
            }
        }
    return false;
}

void CaseEditor::refreshBadges() {
    static const char *names[] = {QT_TR_NOOP("Insured"),          QT_TR_NOOP("Residence"),
                                  QT_TR_NOOP("Drivers"),          QT_TR_NOOP("Vehicles"),
                                  QT_TR_NOOP("Current coverage"), QT_TR_NOOP("History"),
                                  QT_TR_NOOP("Offerings")};
    const Case &c = m_doc->typedCase();
    std::vector<int> problems(SectionCount, 0);
    std::vector<bool> errors(SectionCount, false);
    for (const Problem &p : m_doc->problems())
        for (int pass = 0; pass < 2; ++pass) {
            bool done = false;
            for (int i = 0; i < SectionCount && !done; ++i) {
                if ((pass == 0) == (i == Insured)) continue;
                if (m_pages[size_t(i)]->ownsPath(p.path)) {
                    ++problems[size_t(i)];
                    errors[size_t(i)] = errors[size_t(i)] || p.isError();
                    done = true;
                }
            }
            if (done) break;
        }
    for (int i = 0; i < SectionCount; ++i) {
        QString text = tr(names[i]);
        if (i == Drivers)
            text += QStringLiteral(" (%1)").arg(formatCount(qint64(c.input.drivers.size())));
        else if (i == Vehicles)
            text += QStringLiteral(" (%1)").arg(formatCount(qint64(c.input.vehiclesDetail.size())));
        else if (i == Offerings)
            text += QStringLiteral(" (%1)").arg(
                formatCount(qint64(m_doc->value(QStringLiteral("offerings")).size())));
        if (problems[size_t(i)] > 0)
            text += errors[size_t(i)] ? QStringLiteral("  ⛔") : QStringLiteral("  ⚠");
        QListWidgetItem *item = m_list->item(i);
        item->setText(text);
        item->setToolTip(
            tr("Ctrl+%1").arg(i + 1) +
            (problems[size_t(i)]
                 ? (problems[size_t(i)] == 1 ? tr(" — 1 problem in this section")
                                             : tr(" — %1 problems in this section").arg(problems[size_t(i)]))
                 : QString()));
    }
    std::vector<std::pair<QString, QString>> drivers;
    for (const Driver &d : c.input.drivers) {
        const QString name = QString(d.firstName + u' ' + d.lastName).trimmed();
        drivers.emplace_back(d.driverId, name.isEmpty() ? d.driverId : name);
    }
    m_vehicles->setChoices(QStringLiteral("primary_driver_id"), drivers);
}

void CaseEditor::updateZipCheck() {
    const auto *e = qobject_cast<QLineEdit *>(m_zipEdit);
    const QString zip = e ? e->text().trimmed() : m_doc->typedCase().input.address.zipCode;
    const QString state = m_doc->typedCase().input.address.state.trimmed().toUpper();
    if (zip.isEmpty()) {
        m_zipCheck->setText(QString());
        return;
    }
    const QString zipState = stateForZip(zip);
    if (zipState.isEmpty())
        m_zipCheck->setText(tr("<span style='color:#c77800'>⚠ ZIP %1 is not a known US ZIP code</span>")
                                .arg(zip.toHtmlEscaped()));
    else if (!state.isEmpty() && zipState != state)
        m_zipCheck->setText(tr("<span style='color:#c77800'>⚠ ZIP %1 is in %2, not %3</span>")
                                .arg(zip.toHtmlEscaped(), zipState, state.toHtmlEscaped()));
    else
        m_zipCheck->setText(
            tr("<span style='color:#2e7d32'>✓ ZIP %1 is in %2</span>").arg(zip.toHtmlEscaped(), zipState));
}

} // namespace pw
