// SPDX-License-Identifier: MIT
// The header half of io/offeringcolumns.h: which offering field a header cell names, and the line a
// Line cell names.
#include "offeringcolumns.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

namespace pw {

namespace {

struct FriendlyName {
    QStringList names;
    const char *path;
    CellKind kind;
    bool percentHeader;
};

// The columns a table without a header row is read in: the first this many friendly names.
constexpr size_t kDefaultOrderColumns = 11;

const std::vector<FriendlyName> &friendlyNames() {
    static const std::vector<FriendlyName> names = {
        {{QStringLiteral("carrier"), QStringLiteral("company"), QStringLiteral("provider"),
          QStringLiteral("carrier name"), QStringLiteral("insurer")},
         "provider_name",
         CellKind::Text,
         false},
        {{QStringLiteral("line"), QStringLiteral("category"), QStringLiteral("lob"),
          QStringLiteral("line of business")},
         "category",
         CellKind::Line,
         false},
        {{QStringLiteral("product"), QStringLiteral("product name"), QStringLiteral("program")},
         "coverage.product_name",
         CellKind::Text,
         false},
        {{QStringLiteral("premium"), QStringLiteral("annual premium"), QStringLiteral("line premium")},
         "attributes.line_premium_annual",
         CellKind::Money,
         false},
        {{QStringLiteral("am best"), QStringLiteral("a.m. best"), QStringLiteral("rating"),
          QStringLiteral("grade"), QStringLiteral("financial rating")},
         "quality_rating",
         CellKind::Grade,
         false},
        {{QStringLiteral("tier"), QStringLiteral("pricing tier")}, "pricing_tier", CellKind::Tier, false},
        {{QStringLiteral("commission %"), QStringLiteral("commission"), QStringLiteral("comm %"),
          QStringLiteral("commission pct")},
         "commission",
         CellKind::Fraction,
         true},
        {{QStringLiteral("package id"), QStringLiteral("package"), QStringLiteral("bundle id")},
         "attributes.package_id",
         CellKind::Text,
         false},
        {{QStringLiteral("package premium"), QStringLiteral("bundle premium")},
         "attributes.package_premium_annual",
         CellKind::Money,
         false},
        {{QStringLiteral("quote id"), QStringLiteral("quote #"), QStringLiteral("quote number"),
          QStringLiteral("quote")},
         "attributes.quote_id",
         CellKind::Text,
         false},
        {{QStringLiteral("expires"), QStringLiteral("expiration"), QStringLiteral("quote expires"),
          QStringLiteral("expiry"), QStringLiteral("expires on")},
         "attributes.quote_expires_at",
         CellKind::ExpiryDate,
         false},
        // Not in the order of a table without a header row.
        {{QStringLiteral("limits"), QStringLiteral("liability limits"), QStringLiteral("auto limits"),
          QStringLiteral("bi limits"), QStringLiteral("bi/pd"), QStringLiteral("bi/pd limits"),
          QStringLiteral("split limits")},
         "coverage.bi_per_person",
         CellKind::SplitLimit,
         false},
        {{QStringLiteral("um limits"), QStringLiteral("um/uim"), QStringLiteral("um/uim limits")},
         "coverage.um_per_person",
         CellKind::SplitLimit,
         false},
        {{QStringLiteral("csl"), QStringLiteral("combined single limit")},
         "coverage.limit_combined_single",
         CellKind::Money,
         false},
        {{QStringLiteral("deductible"), QStringLiteral("aop deductible"),
          QStringLiteral("all perils deductible")},
         "coverage.deductible",
         CellKind::MoneyOrPercent,
         false},
        {{QStringLiteral("wind deductible"), QStringLiteral("wind/hail deductible"),
          QStringLiteral("wind hail deductible"), QStringLiteral("hurricane deductible")},
         "coverage.wind_hail_deductible",
         CellKind::MoneyOrPercent,
         false},
        {{QStringLiteral("dwelling"), QStringLiteral("dwelling limit"), QStringLiteral("coverage a")},
         "coverage.dwelling_limit",
         CellKind::Money,
         false},
    };
    return names;
}

CellKind kindForPath(const QString &path) {
    static const QSet<QString> text = {QStringLiteral("id"),
                                       QStringLiteral("provider_id"),
                                       QStringLiteral("provider_name"),
                                       QStringLiteral("quality_rating_agency"),
                                       QStringLiteral("coverage.product_name"),
                                       QStringLiteral("coverage.program_type"),
                                       QStringLiteral("attributes.quote_id"),
                                       QStringLiteral("attributes.package_id"),
                                       QStringLiteral("attributes.rate_type"),
                                       QStringLiteral("coverage.policy_number")};
    static const QSet<QString> money = {QStringLiteral("attributes.line_premium_annual"),
                                        QStringLiteral("attributes.line_premium"),
                                        QStringLiteral("attributes.package_premium_annual"),
                                        QStringLiteral("coverage.dwelling_limit"),
                                        QStringLiteral("coverage.other_structures_limit"),
                                        QStringLiteral("coverage.personal_property_limit"),
                                        QStringLiteral("coverage.loss_of_use_limit"),
                                        QStringLiteral("coverage.liability_limit"),
                                        QStringLiteral("coverage.medical_payments_limit"),
                                        QStringLiteral("coverage.water_backup_limit"),
                                        QStringLiteral("coverage.flood_limit"),
                                        QStringLiteral("coverage.bi_per_accident"),
                                        QStringLiteral("coverage.pd_per_accident"),
                                        QStringLiteral("coverage.limit_combined_single"),
                                        QStringLiteral("coverage.um_per_accident"),
                                        QStringLiteral("coverage.medical_payments"),
                                        QStringLiteral("coverage.pip"),
                                        QStringLiteral("coverage.deductible_default"),
                                        QStringLiteral("coverage.umbrella_limit"),
                                        QStringLiteral("coverage.retained_limit"),
                                        QStringLiteral("coverage.required_underlying.auto_bi_per_person"),
                                        QStringLiteral("coverage.required_underlying.auto_bi_per_accident"),
                                        QStringLiteral("coverage.required_underlying.auto_csl"),
                                        QStringLiteral("coverage.required_underlying.home_liability")};
    static const QSet<QString> number = {
        QStringLiteral("attributes.term_months"), QStringLiteral("attributes.quoted_vehicle_count"),
        QStringLiteral("attributes.service_rating"), QStringLiteral("coverage.extended_replacement_pct")};
    if (text.contains(path)) return CellKind::Text;
    if (money.contains(path)) return CellKind::Money;
    if (number.contains(path)) return CellKind::Number;
    if (path == u"category") return CellKind::Line;
    if (path == u"quality_rating") return CellKind::Grade;
    if (path == u"pricing_tier") return CellKind::Tier;
    if (path == u"commission") return CellKind::Fraction;
    if (path == u"coverage.deductible" || path == u"coverage.wind_hail_deductible")
        return CellKind::MoneyOrPercent;
    if (path == u"coverage.collision_deductible" || path == u"coverage.comprehensive_deductible")
        return CellKind::MoneyOrNone;
    if (path == u"coverage.bi_per_person" || path == u"coverage.um_per_person") return CellKind::SplitLimit;
    if (path == u"attributes.quote_expires_at" || path == u"attributes.quote_generated_at")
        return CellKind::Timestamp;
    if (path.startsWith(u"constraints.") || path == u"coverage.endorsements") return CellKind::StringArray;
    if (path == u"attributes.bindable") return CellKind::Bool;
    if (path == u"coverage.settlement") return CellKind::Settlement;
    return CellKind::Auto;
}

bool isKnownPath(const QString &path) {
    return kindForPath(path) != CellKind::Auto;
}

} // namespace

namespace {

// A header as written without one pair of enclosing brackets: database and report tools export column
// names as "[Carrier]" or "{Carrier}" (SQL Server, Access, some raters); the name inside is the column.
QString unbracketed(const QString &header) {
    const QString t = header.trimmed();
    if (t.size() > 2 && ((t.front() == u'[' && t.back() == u']') || (t.front() == u'{' && t.back() == u'}')))
        return t.mid(1, t.size() - 2).trimmed();
    return t;
}

} // namespace

std::optional<ColumnSpec> specForHeader(const QString &header) {
    const QString p = unbracketed(header);
    const QString squeezed = p.toLower().simplified();
    static const QRegularExpression pathRe(QStringLiteral("^[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*$"));
    if (pathRe.match(p).hasMatch() && (isKnownPath(p) || p.contains(u'.')))
        return ColumnSpec{p, kindForPath(p), false, false};
    for (const auto &f : friendlyNames())
        if (f.names.contains(squeezed))
            return ColumnSpec{QString::fromLatin1(f.path), f.kind, true, f.percentHeader};
    if (pathRe.match(p).hasMatch()) return ColumnSpec{p, kindForPath(p), false, false};
    return std::nullopt;
}

bool isRecognisedHeader(const QString &header) {
    const auto s = specForHeader(header);
    if (!s) return false;
    if (s->friendly || isKnownPath(s->path)) return true;
    // A dotted path under one of an offering's objects; "www.lakeshore.com" in a data row is no header.
    static const QSet<QString> objects = {QStringLiteral("coverage"), QStringLiteral("attributes"),
                                          QStringLiteral("constraints")};
    return s->path.contains(u'.') && objects.contains(s->path.section(u'.', 0, 0));
}

const std::vector<ColumnSpec> &defaultFriendlyColumns() {
    static const std::vector<ColumnSpec> cols = [] {
        std::vector<ColumnSpec> c;
        for (size_t i = 0; i < kDefaultOrderColumns; ++i) {
            const auto &f = friendlyNames()[i];
            c.push_back({QString::fromLatin1(f.path), f.kind, true, f.percentHeader});
        }
        return c;
    }();
    return cols;
}

QStringList defaultFriendlyHeaders() {
    QStringList out;
    for (size_t i = 0; i < kDefaultOrderColumns; ++i)
        out << friendlyNames()[i].names.first();
    return out;
}

QString lineForText(const QString &text) {
    QString key = text.trimmed().toLower();
    key.replace(u'-', u' ').replace(u'\u2019', u'\'');
    key = key.simplified();
    static const QHash<QString, QString> lines = {
        {QStringLiteral("home"), QStringLiteral("home")},
        {QStringLiteral("homeowners"), QStringLiteral("home")},
        {QStringLiteral("homeowner"), QStringLiteral("home")},
        {QStringLiteral("homeowner's"), QStringLiteral("home")},
        {QStringLiteral("homeowners'"), QStringLiteral("home")},
        {QStringLiteral("home owners"), QStringLiteral("home")},
        {QStringLiteral("homeowners insurance"), QStringLiteral("home")},
        {QStringLiteral("home insurance"), QStringLiteral("home")},
        {QStringLiteral("ho 3"), QStringLiteral("home")},
        {QStringLiteral("ho3"), QStringLiteral("home")},
        {QStringLiteral("ho 5"), QStringLiteral("home")},
        {QStringLiteral("ho5"), QStringLiteral("home")},
        {QStringLiteral("auto"), QStringLiteral("auto")},
        {QStringLiteral("personal auto"), QStringLiteral("auto")},
        {QStringLiteral("automobile"), QStringLiteral("auto")},
        {QStringLiteral("personal automobile"), QStringLiteral("auto")},
        {QStringLiteral("auto insurance"), QStringLiteral("auto")},
        {QStringLiteral("private passenger auto"), QStringLiteral("auto")},
        {QStringLiteral("car"), QStringLiteral("auto")},
        {QStringLiteral("umbrella"), QStringLiteral("umbrella")},
        {QStringLiteral("personal umbrella"), QStringLiteral("umbrella")},
        {QStringLiteral("personal umbrella liability"), QStringLiteral("umbrella")},
        {QStringLiteral("umbrella liability"), QStringLiteral("umbrella")},
        {QStringLiteral("pup"), QStringLiteral("umbrella")},
    };
    return lines.value(key);
}

} // namespace pw
