// SPDX-License-Identifier: MIT
#include "offeringsmodel.h"
#include "plaintext.h"

#include "engine/plainwords.h"

#include "casedocument.h"
#include "io/jsonpath.h"
#include "io/offeringimport.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace pw {

namespace {

std::vector<std::pair<QString, QString>> same(const QStringList &values) {
    std::vector<std::pair<QString, QString>> out;
    for (const QString &v : values)
        out.emplace_back(v, v);
    return out;
}

} // namespace

std::vector<FieldSpec> OfferingsModel::offeringColumns() {
    const auto lines = same({QStringLiteral("home"), QStringLiteral("auto"), QStringLiteral("umbrella")});
    const auto grades =
        same({QStringLiteral("A++"), QStringLiteral("A+"), QStringLiteral("A"), QStringLiteral("A-"),
              QStringLiteral("B++"), QStringLiteral("B+"), QStringLiteral("B"), QStringLiteral("B-"),
              QStringLiteral("C++"), QStringLiteral("C+"), QStringLiteral("C"), QStringLiteral("C-"),
              QStringLiteral("D"), QStringLiteral("E"), QStringLiteral("F"), QStringLiteral("S"),
              QStringLiteral("NR")});
    const auto tiers = same({QStringLiteral("premium"), QStringLiteral("standard"), QStringLiteral("economy"),
                             QStringLiteral("basic")});
    // Carrier first: agents name the carrier, then the line, as their spreadsheets' columns do (the
    // friendly import order), and "+ Add" opens the first cell for typing.
    return {
        {QStringLiteral("provider_name"),
         tr("Carrier"),
         FieldKind::Text,
         tr("Carrier name (provider_name); the carrier id follows the name, and names already in the case "
            "are completed"),
         {},
         {}},
        {QStringLiteral("category"),
         tr("Line"),
         FieldKind::Choice,
         tr("Line of business: home, auto or umbrella"),
         lines,
         {}},
        {QStringLiteral("coverage.product_name"),
         tr("Product"),
         FieldKind::Text,
         tr("Carrier's product name"),
         {},
         {}},
        {QStringLiteral("attributes.line_premium_annual"),
         tr("Premium"),
         FieldKind::Money,
         tr("Annual premium for this line (line_premium_annual), US dollars"),
         {},
         {}},
        {QStringLiteral("quality_rating"),
         tr("AM Best"),
         FieldKind::Choice,
         tr("AM Best financial strength rating (A++ best; B and below disqualify)"),
         grades,
         {}},
        {QStringLiteral("pricing_tier"),
         tr("Tier"),
         FieldKind::Choice,
         tr("Pricing tier of the product"),
         tiers,
         {}},
        {QStringLiteral("commission"),
         tr("Comm. %"),
         FieldKind::Fraction,
         tr("Agent commission as a percentage of premium (not shown to clients)"),
         {},
         {}},
        {QStringLiteral("attributes.package_id"),
         tr("Pkg ID"),
         FieldKind::Text,
         tr("Package (bundle) id: offerings of one carrier with the same id are priced together"),
         {},
         {}},
        {QStringLiteral("attributes.package_premium_annual"),
         tr("Pkg premium"),
         FieldKind::Money,
         tr("Package premium for the whole bundle, annual, US dollars"),
         {},
         {}},
        {QStringLiteral("attributes.quote_id"),
         tr("Quote ID"),
         FieldKind::Text,
         tr("Carrier's quote reference"),
         {},
         {}},
        {QStringLiteral("attributes.quote_expires_at"),
         tr("Expires"),
         FieldKind::Timestamp,
         tr("Quote expiry (date or RFC 3339 time); expired quotes are filtered"),
         {},
         {}},
        {QStringLiteral("id"), tr("ID"), FieldKind::Text, tr("Offering id, unique in the case"), {}, {}},
    };
}

JsonValue OfferingsModel::newOffering(const QString &line, const QStringList &takenIds) {
    // "quote_line_new_<line>_001" until the carrier is typed; then the id follows carrier and line.
    const QString id = nextOfferingId(offeringIdBase(QString(), line), takenIds);
    // No placeholder carrier: two new rows must not become one carrier before their names are typed.
    // Typing the carrier name sets provider_id (setData).
    JsonValue o = JsonValue::object();
    o.insert(QStringLiteral("id"), JsonValue(id));
    o.insert(QStringLiteral("category"), JsonValue(line));
    JsonValue cov = JsonValue::object();
    cov.insert(QStringLiteral("product_name"), JsonValue(QString()));
    o.insert(QStringLiteral("coverage"), cov);
    o.insert(QStringLiteral("attributes"), JsonValue::object());
    return o;
}

OfferingsModel::OfferingsModel(CaseDocument *doc, QObject *parent)
    : JsonTableModel(doc, QStringLiteral("offerings"), offeringColumns(), parent) {
    setIdKey(QStringLiteral("id"));
    // An edit validated on a worker: its rows' statuses leave "checking…" (edits and refusals reach
    // refreshCache through JsonTableModel, which repaints every row).
    connect(doc, &CaseDocument::validated, this, [this] {
        m_rowErrorsStale = true;
        statusesChanged({Qt::DisplayRole, Qt::ToolTipRole, Qt::ForegroundRole, Qt::FontRole, SortRole});
    });
}

void OfferingsModel::setVerdicts(std::shared_ptr<const OfferingVerdicts> verdicts) {
    if (verdicts == m_verdicts) return;
    m_verdicts = std::move(verdicts);
    statusesChanged();
}

void OfferingsModel::setRankingBusy(bool busy) {
    if (busy == m_rankingBusy) return;
    m_rankingBusy = busy;
    statusesChanged({Qt::DisplayRole, Qt::ToolTipRole, Qt::ForegroundRole, Qt::FontRole, SortRole});
}

void OfferingsModel::statusesChanged(const QList<int> &roles) {
    if (rowCount() > 0) emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1), roles);
}

const QHash<int, QString> &OfferingsModel::rowErrors() const {
    if (!m_rowErrorsStale) return m_rowErrors;
    m_rowErrorsStale = false;
    m_rowErrors.clear();
    // While an edit is validated on a worker the validation's problems are of an earlier tree: they stand
    // for the rows that did not change since. Refused inputs are not row errors: the offering kept its
    // previous value, so its verdict stands (the cell and the Problems dock point the refused text out).
    const bool checking = m_doc->isChecking();
    const JsonValue &validated = m_doc->validatedRoot()[arrayPath()];
    const JsonValue &current = m_doc->root()[arrayPath()];
    const QString prefix = arrayPath() + u'[';
    for (const Problem &p : m_doc->validationProblems()) {
        if (!p.isError() || !p.path.startsWith(prefix)) continue;
        const qsizetype close = p.path.indexOf(u']', prefix.size());
        bool ok = false;
        const int row = p.path.mid(prefix.size(), close - prefix.size()).toInt(&ok);
        if (!ok || close < 0 || m_rowErrors.contains(row)) continue;
        if (checking &&
            (row >= validated.size() || row >= current.size() || validated.at(row) != current.at(row)))
            continue;
        m_rowErrors.insert(row, p.message);
    }
    return m_rowErrors;
}

const OfferingVerdicts::Verdict *OfferingsModel::currentVerdict(int row) const {
    return m_verdicts ? m_verdicts->currentVerdict(rowValue(row), m_doc->root()[u"input"]) : nullptr;
}

QStringList OfferingsModel::carrierNames() const {
    QStringList names;
    for (const auto &o : m_doc->value(arrayPath()).arrayItems()) {
        const QString n = o[u"provider_name"].toString().simplified();
        bool known = n.isEmpty();
        for (const QString &k : names)
            known = known || k.compare(n, Qt::CaseInsensitive) == 0;
        if (!known) names << n;
    }
    names.sort(Qt::CaseInsensitive);
    return names;
}

bool OfferingsModel::setData(const QModelIndex &index, const QVariant &value, int role) {
    const bool carrier = index.column() == columnOf(QStringLiteral("provider_name"));
    const bool line = index.column() == columnOf(QStringLiteral("category"));
    if (role != Qt::EditRole || !index.isValid() || (!carrier && !line))
        return JsonTableModel::setData(index, value, role);
    JsonValue o = rowValue(index.row());
    if (!o.isObject()) return false;
    const QString oldPid = o[u"provider_id"].toString().trimmed();
    const QString oldLine = o[u"category"].toString();
    // The case without this row: its carriers are the ones a typed name is matched against, its ids the
    // ones a new id must not take.
    JsonValue rest = m_doc->value(arrayPath());
    rest.arrayItemsMut().erase(rest.arrayItemsMut().begin() + index.row());
    JsonValue others = m_doc->root();
    setJsonValueAt(others, arrayPath(), rest);
    if (carrier) {
        // The case's spelling of a carrier it already has ("liberty mutual" is stored as "Liberty
        // Mutual"). The carrier id follows the name unless it was stated apart from the name: a derived id
        // (or none, or the old "prov_new" placeholder) is derived again, the same way import and paste do.
        const QString name = caseCarrierName(value.toString(), others);
        const QString oldName = o[u"provider_name"].toString();
        const bool derived = oldPid.isEmpty() || oldPid == u"prov_new" ||
                             oldPid == providerIdForName(oldName) ||
                             oldPid == providerIdForName(oldName, others);
        if (name.isEmpty())
            o.remove(QStringLiteral("provider_name"));
        else
            o.insert(QStringLiteral("provider_name"), JsonValue(name));
        if (derived) {
            if (name.isEmpty())
                o.remove(QStringLiteral("provider_id"));
            else
                o.insert(QStringLiteral("provider_id"), JsonValue(providerIdForName(name, others)));
        }
    } else {
        const QString l = value.toString().trimmed();
        if (l.isEmpty())
            o.remove(QStringLiteral("category"));
        else
            o.insert(QStringLiteral("category"), JsonValue(l));
    }
    // A generated id follows the carrier and line as import and paste derive it; a stated one stays.
    const QString id = o[u"id"].toString();
    const QString base = offeringIdBase(o[u"provider_id"].toString(), o[u"category"].toString());
    if ((isGeneratedOfferingId(id, offeringIdBase(oldPid, oldLine)) ||
         isGeneratedOfferingId(id, offeringIdBase(QString(), oldLine))) &&
        !isGeneratedOfferingId(id, base))
        o.insert(QStringLiteral("id"), JsonValue(nextOfferingId(base, offeringIds(others))));
    m_doc->setValue(QStringLiteral("%1[%2]").arg(arrayPath()).arg(index.row()), o,
                    carrier ? tr("Edit carrier") : tr("Edit line"));
    return true;
}

OfferingsModel::Status OfferingsModel::statusOf(int row) const {
    if (rowErrors().contains(row)) return Invalid;
    if (const auto *v = currentVerdict(row)) {
        switch (v->kind) {
        case OfferingVerdicts::Kind::Filtered:
            return Filtered;
        case OfferingVerdicts::Kind::Ignored:
            return Ignored;
        case OfferingVerdicts::Kind::Eligible:
            return Eligible;
        }
    }
    // The run did not judge this offering as it now stands: a new one, one edited since, or the case's
    // input changed. Its verdict is on its way, or there will be none.
    return m_doc->isChecking() || m_rankingBusy ? Pending : Unknown;
}

QString OfferingsModel::reasonOf(int row) const {
    if (const auto e = rowErrors().constFind(row); e != rowErrors().cend()) return *e;
    const auto *v = currentVerdict(row);
    if (!v || v->kind == OfferingVerdicts::Kind::Eligible) return QString();
    if (v->kind == OfferingVerdicts::Kind::Ignored) return ignoredReasonText(v->reason);
    return filterReasonText(v->reason, rowValue(row), m_doc->typedCase().input.address.state,
                            m_doc->now().date());
}

QString OfferingsModel::reasonDetailOf(int row) const {
    if (rowErrors().contains(row)) return QString();
    const auto *v = currentVerdict(row);
    if (!v || v->kind == OfferingVerdicts::Kind::Eligible) return QString();
    const QString code = v->kind == OfferingVerdicts::Kind::Ignored ? tr("not requested") : v->reason;
    return v->detail.isEmpty() ? code : QStringLiteral("%1 (%2)").arg(v->detail, code);
}

QVariant OfferingsModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid()) return {};
    const Status st = statusOf(index.row());
    if (index.column() == StatusColumn) {
        switch (role) {
        case Qt::DisplayRole:
            switch (st) {
            case Filtered:
                return QString(QStringLiteral("⊘ ") + reasonOf(index.row()));
            case Ignored:
                return tr("ignored: not requested");
            case Eligible:
                return tr("✓ eligible");
            case Invalid:
                return tr("⛔ invalid");
            case Pending:
                return m_doc->isChecking() ? tr("checking…") : tr("ranking…");
            case Unknown:
                break;
            }
            return tr("not evaluated");
        case Qt::ToolTipRole:
            if (st == Filtered || st == Ignored)
                return plainToolTip(reasonOf(index.row()) + u'\n' + reasonDetailOf(index.row()));
            if (st == Invalid)
                return plainToolTip(
                    tr("Not valid: %1\nFix it to rank this offering").arg(reasonOf(index.row())));
            if (st == Pending)
                return m_doc->isChecking() ? tr("Changed since the last ranking: the edit is being checked")
                                           : tr("Changed since the last ranking: the ranking under way will "
                                                "say whether it is "
                                                "eligible");
            return st == Eligible ? tr("Eligible: takes part in ranking")
                                  : tr("Not evaluated: no valid run of this case has checked this offering "
                                       "as it stands (fix the case's errors to rank it)");
        case Qt::ForegroundRole:
            if (st == Filtered || st == Invalid) return QBrush(QColor(0xc6, 0x28, 0x28));
            if (st == Ignored || st == Unknown || st == Pending) return QBrush(QColor(0x9e, 0x9e, 0x9e));
            return QBrush(QColor(0x2e, 0x7d, 0x32));
        case SortRole:
            return int(st);
        default:
            return {};
        }
    }
    if (role == CompletionRole && index.column() == columnOf(QStringLiteral("provider_name")))
        return carrierNames();
    if (role == Qt::ForegroundRole && st == Ignored) return QBrush(QColor(0x9e, 0x9e, 0x9e));
    if (role == Qt::FontRole && st == Filtered &&
        index.column() == columnOf(QStringLiteral("provider_name"))) {
        QFont f;
        f.setStrikeOut(true);
        return f;
    }
    if (role == Qt::ToolTipRole && (st == Filtered || st == Ignored)) {
        const QString base = toolTipText(index);
        const QString r = reasonOf(index.row()) + QStringLiteral(" — ") + reasonDetailOf(index.row());
        return plainToolTip(base.isEmpty() ? r : base + u'\n' + r);
    }
    return JsonTableModel::data(index, role);
}

QVariant OfferingsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && section == StatusColumn) {
        if (role == Qt::DisplayRole) return tr("Status");
        if (role == Qt::ToolTipRole)
            return tr(
                "Eligible, ⊘ filtered by the last run (with the reason), or ignored (line not requested)");
        return {};
    }
    return JsonTableModel::headerData(section, orientation, role);
}

void OfferingsFilterProxy::setLine(const QString &line) {
    m_line = line;
    invalidateFilter();
}

void OfferingsFilterProxy::setCarrierText(const QString &text) {
    m_carrier = text.trimmed();
    invalidateFilter();
}

void OfferingsFilterProxy::setStatus(int status) {
    m_status = status;
    invalidateFilter();
}

void OfferingsFilterProxy::statusesChanged() {
    if (m_status >= 0) invalidateFilter();
}

bool OfferingsFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &) const {
    auto *m = qobject_cast<OfferingsModel *>(sourceModel());
    // No filter set: every row shows, without reading it (a run's dataChanged re-filters every row).
    if (!m || (m_line.isEmpty() && m_carrier.isEmpty() && m_status < 0)) return true;
    const JsonValue o = m->rowValue(sourceRow);
    if (!m_line.isEmpty() && o[u"category"].toString() != m_line) return false;
    if (!m_carrier.isEmpty() && !o[u"provider_name"].toString().contains(m_carrier, Qt::CaseInsensitive) &&
        !o[u"provider_id"].toString().contains(m_carrier, Qt::CaseInsensitive))
        return false;
    if (m_status >= 0 && int(m->statusOf(sourceRow)) != m_status) return false;
    return true;
}

} // namespace pw
