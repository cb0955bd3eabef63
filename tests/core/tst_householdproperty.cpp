// SPDX-License-Identifier: MIT
// Property test over random households: every key engine.md §1–§9 reads varies (routing, state, coverage
// types, current coverage and portfolio, premium, applicant, drivers, vehicles, residence, history,
// offerings with split strings, terms, grades, bundles, dates, warnings-only values). The checks are
// invariants that need no second engine: points add up to scores, costs add up to the cent, the order
// and labels follow §7, closed/open/new agree with the analysis, and the same input gives the same bytes.
#include "testsupport.h"

#include "engine/engine.h"
#include "engine/gaps.h"
#include "engine/profile.h"
#include "util/numbers.h"

#include <QSet>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <random>

using namespace pw;

namespace {

const QStringList kLines = {QStringLiteral("home"), QStringLiteral("auto"), QStringLiteral("umbrella")};

class HouseholdGenerator {
public:
    explicit HouseholdGenerator(quint32 seed)
        : m_rng(seed) {}

    JsonValue make() {
        JsonValue in = JsonValue::object();
        const int routing = bounded(10);
        // 0–3 quote matching only (several ways), 4–7 dual, 8–9 gap only.
        m_gapOnly = routing >= 8;
        m_gapRuns = routing >= 4;
        JsonValue rc = JsonValue::object();
        switch (routing) {
        case 0:
            break; // neither given, no current_portfolio object: quote matching
        case 1:
            rc.insert(QStringLiteral("quote_matching"), true);
            break;
        case 2:
            rc.insert(QStringLiteral("quote_matching"), false);
            rc.insert(QStringLiteral("coverage_analysis"), false);
            break;
        case 3:
            rc.insert(QStringLiteral("coverage_analysis"), JsonValue());
            break;
        case 4:
        case 5:
            rc.insert(QStringLiteral("coverage_analysis"), true);
            break;
        case 6:
        case 7:
            rc.insert(QStringLiteral("quote_matching"), true);
            rc.insert(QStringLiteral("coverage_analysis"), true);
            break;
        default:
            rc.insert(QStringLiteral("quote_matching"), false);
            rc.insert(QStringLiteral("coverage_analysis"), true);
            break;
        }
        if (routing != 0 || chance(50)) in.insert(QStringLiteral("request_config"), rc);

        QStringList lines = kLines;
        std::shuffle(lines.begin(), lines.end(), m_rng);
        lines = lines.mid(0, 1 + bounded(3));
        JsonValue types = JsonValue::array();
        for (const auto &l : lines)
            types.append(l);
        if (m_gapOnly && chance(20)) types.append(chance(50) ? QStringLiteral("boat") : lines.first());
        in.insert(QStringLiteral("coverage_types"), types);
        m_requested = lines;

        const QStringList states = {QStringLiteral("NY"), QStringLiteral("ny"), QStringLiteral(" CA "),
                                    QStringLiteral("TX"), QStringLiteral("FL"), QStringLiteral("dc")};
        JsonValue address = JsonValue::object();
        address.insert(QStringLiteral("state"),
                       m_gapOnly && chance(15) ? QStringLiteral("ZZ") : states[bounded(states.size())]);
        in.insert(QStringLiteral("address"), address);
        m_state = address[u"state"].toString().trimmed().toUpper();
        const QStringList buckets = {QStringLiteral("balanced"), QStringLiteral("coverage_first"),
                                     QStringLiteral("cost_sensitive"), QStringLiteral("simplicity")};
        if (chance(80)) in.insert(QStringLiteral("appetite_bucket"), buckets[bounded(4)]);

        JsonValue applicant = JsonValue::object();
        maybe(applicant, "net_worth", 100000 * (1 + bounded(30)));
        maybe(applicant, "cash_reserve", 500 * bounded(40));
        maybe(applicant, "rental_properties", bounded(2), 50);
        if (chance(20)) applicant.insert(QStringLiteral("naics"), QStringLiteral("524210"));
        in.insert(QStringLiteral("applicant"), applicant);
        if (chance(25)) in.insert(QStringLiteral("naics"), QStringLiteral("541310"));

        if (chance(75)) {
            JsonValue drivers = JsonValue::array();
            const int n = bounded(4);
            for (int i = 0; i < n; ++i) {
                JsonValue d = JsonValue::object();
                if (chance(85))
                    d.insert(QStringLiteral("date_of_birth"), QStringLiteral("%1-%2-%3")
                                                                  .arg(1950 + bounded(60))
                                                                  .arg(1 + bounded(12), 2, 10, QChar(u'0'))
                                                                  .arg(1 + bounded(28), 2, 10, QChar(u'0')));
                maybe(d, "violations_5yr", bounded(2), 60);
                maybe(d, "accidents_5yr", bounded(2), 60);
                drivers.append(d);
            }
            in.insert(QStringLiteral("drivers"), drivers);
        }
        switch (bounded(4)) {
        case 0:
            break;
        case 1:
            in.insert(QStringLiteral("vehicles"), 1 + bounded(3));
            break;
        case 2: {
            JsonValue arr = JsonValue::array();
            for (int i = 0; i < 1 + bounded(3); ++i)
                arr.append(JsonValue::object());
            in.insert(QStringLiteral("vehicles"), arr);
            break;
        }
        default: {
            JsonValue hh = JsonValue::object();
            hh.insert(QStringLiteral("vehicles"), 1 + bounded(3));
            in.insert(QStringLiteral("household"), hh);
        }
        }
        if (chance(70)) {
            JsonValue vd = JsonValue::array();
            const int n = bounded(4);
            for (int i = 0; i < n; ++i) {
                JsonValue v = JsonValue::object();
                maybe(v, "year", 2008 + bounded(19), 85);
                vd.append(v);
            }
            in.insert(QStringLiteral("vehicles_detail"), vd);
        }

        JsonValue residence = JsonValue::object();
        maybe(residence, "replacement_cost", 400000 + 50000 * bounded(10), 80);
        const QStringList zones = {QString(),           QStringLiteral("AE"),
                                   QStringLiteral("x"), QStringLiteral("VE"),
                                   QStringLiteral("X"), QStringLiteral("a")};
        switch (bounded(4)) {
        case 0:
            break;
        case 1:
            residence.insert(QStringLiteral("flood_zone"), JsonValue());
            break;
        default:
            residence.insert(QStringLiteral("flood_zone"), zones[bounded(zones.size())]);
        }
        maybe(residence, "pool", chance(30), 60);
        maybe(residence, "trampoline", chance(20), 60);
        maybe(residence, "rental_units", bounded(2), 50);
        in.insert(QStringLiteral("residence"), residence);

        m_carriers = 2 + bounded(3);
        if (chance(70)) {
            JsonValue h = JsonValue::object();
            if (chance(75)) {
                JsonValue lapses = JsonValue::array();
                const QStringList dates = {
                    QStringLiteral("2025-06-30"), QStringLiteral("2023-11-28"),
                    QStringLiteral("2023-11-27"), QStringLiteral("2019-01-01"),
                    QStringLiteral("2027-02-01"), QStringLiteral("2024-02-29T23:30:00-05:00"),
                    QStringLiteral("soon")};
                const int n = bounded(3);
                for (int i = 0; i < n; ++i) {
                    JsonValue l = JsonValue::object();
                    if (chance(80)) l.insert(QStringLiteral("start"), dates[bounded(dates.size())]);
                    if (chance(60)) l.insert(QStringLiteral("end"), dates[bounded(dates.size())]);
                    lapses.append(l);
                }
                h.insert(QStringLiteral("lapses"), lapses);
            }
            JsonValue nrs = JsonValue::array();
            if (chance(40)) {
                JsonValue nr = JsonValue::object();
                nr.insert(QStringLiteral("carrier"), carrierName(bounded(m_carriers), chance(50)));
                const QStringList dates = {QStringLiteral("2022-01-01"), QStringLiteral("2021-11-28"),
                                           QStringLiteral("2021-11-27"), QStringLiteral("never")};
                if (chance(80)) nr.insert(QStringLiteral("date"), dates[bounded(dates.size())]);
                nrs.append(nr);
            }
            h.insert(QStringLiteral("non_renewals"), nrs);
            in.insert(QStringLiteral("insurance_history"), h);
        }

        // Current coverage: absent only when no analysis needs it; {} sometimes; a portfolio beside it.
        const bool needsSource = m_gapRuns;
        const int source = bounded(10);
        if (source >= 2 || needsSource) {
            if (source == 2)
                in.insert(QStringLiteral("current_coverage"), JsonValue::object());
            else
                in.insert(QStringLiteral("current_coverage"), currentLines());
        }
        if (chance(25)) {
            // A non-object portfolio is ignored; an object one is the source (and routes to gap analysis
            // when request_config gives neither flag, which cases 0 and 3 avoid).
            if (routing != 0 && routing != 3 && chance(50))
                in.insert(QStringLiteral("current_portfolio"), currentLines());
            else
                in.insert(QStringLiteral("current_portfolio"),
                          chance(50) ? JsonValue(JsonValue::array()) : JsonValue(QStringLiteral("n/a")));
        }
        if (chance(30)) in.insert(QStringLiteral("premium"), 1000 + bounded(4000) + 0.25 * bounded(4));

        JsonValue offerings = JsonValue::array();
        int next = 0;
        for (int c = 0; c < m_carriers; ++c) {
            const int bundle = bounded(3); // 0 none, 1 package id, 2 price-keyed
            const double price = 1000 + 10 * bounded(400) + (chance(30) ? 0.5 : 0);
            for (const auto &l : kLines) {
                // The first carrier usually quotes every requested line, so most cases have packages.
                int count = bounded(3);
                if (c == 0 && (offerings.size() == 0 || (m_requested.contains(l) && chance(85))))
                    count = std::max(count, 1);
                for (int k = 0; k < count; ++k)
                    offerings.append(offering(next++, c, l, k == 0 ? bundle : 0, price));
            }
        }
        JsonValue root = JsonValue::object();
        root.insert(QStringLiteral("input"), in);
        root.insert(QStringLiteral("offerings"), offerings);
        return root;
    }

    bool gapRuns() const { return m_gapRuns; }

private:
    std::mt19937 m_rng;
    bool m_gapOnly = false, m_gapRuns = false;
    QStringList m_requested;
    QString m_state;
    int m_carriers = 2;

    int bounded(int n) { return int(m_rng() % quint32(n)); }
    bool chance(int pct) { return bounded(100) < pct; }
    void maybe(JsonValue &o, const char *key, JsonValue v, int pct = 75) {
        if (chance(pct)) o.insert(QString::fromLatin1(key), std::move(v));
    }

    QString carrierName(int c, bool variant) {
        return variant ? QStringLiteral("CARRIER %1 Insurance Co.").arg(c)
                       : QStringLiteral("Carrier %1").arg(c);
    }

    JsonValue currentLines() {
        JsonValue cur = JsonValue::object();
        for (const auto &l : kLines) {
            if (!chance(65)) continue;
            JsonValue c = coverage(l, false);
            if (chance(80)) c.insert(QStringLiteral("carrier"), carrierName(bounded(m_carriers), chance(30)));
            maybe(c, "annual_premium", 300 + bounded(3000) + 0.01 * bounded(100), 80);
            cur.insert(l, c);
        }
        if (chance(15)) {
            JsonValue f = JsonValue::object();
            maybe(f, "flood_limit", 250000 * bounded(2));
            cur.insert(QStringLiteral("flood"), f);
        }
        if (chance(10)) cur.insert(QStringLiteral("renters"), JsonValue());
        return cur;
    }

    JsonValue coverage(const QString &line, bool allowFallback) {
        JsonValue c = JsonValue::object();
        if (allowFallback && chance(8)) return c;
        if (line == u"home") {
            maybe(c, "dwelling_limit", 300000 + 25000 * bounded(28));
            const QStringList st = {QStringLiteral("replacement_cost"), QStringLiteral("actual_cash_value"),
                                    QStringLiteral("extended_replacement_cost"),
                                    QStringLiteral("guaranteed_replacement_cost")};
            maybe(c, "settlement", st[bounded(4)], 65);
            maybe(c, "extended_replacement_pct", 10 + 5 * bounded(4), 30);
            maybe(c, "liability_limit", 100000 * (1 + bounded(5)));
            maybe(c, "water_backup_limit", 5000 * bounded(3), 60);
            maybe(c, "flood_limit", 100000 * bounded(2), 15);
            const int d = bounded(5);
            if (d == 1) c.insert(QStringLiteral("deductible"), QStringLiteral("1%"));
            if (d == 2) c.insert(QStringLiteral("deductible"), QStringLiteral("2.5%"));
            if (d == 3) c.insert(QStringLiteral("deductible"), 500 * bounded(12));
            if (d == 4) c.insert(QStringLiteral("deductible"), 0);
            maybe(c, "wind_hail_deductible", QStringLiteral("2%"), 20);
        } else if (line == u"auto") {
            const int pp[] = {25, 50, 100, 250, 500};
            const int i = bounded(5);
            switch (bounded(6)) {
            case 0: // a split string, maybe beside a stated per-accident figure
                c.insert(QStringLiteral("bi_per_person"),
                         QStringLiteral("%1/%2/50").arg(pp[i]).arg(pp[i] * 2 + (chance(50) ? 100 : 0)));
                maybe(c, "bi_per_accident", 1000 * pp[bounded(5)] * 2, 20);
                break;
            case 1:
                c.insert(QStringLiteral("bi_per_person"), QStringLiteral("%1/%2").arg(pp[i]).arg(pp[i] * 2));
                break;
            case 2: // a lone part
                if (chance(50))
                    c.insert(QStringLiteral("bi_per_person"), 1000 * pp[i]);
                else
                    c.insert(QStringLiteral("bi_per_accident"), 1000 * pp[i] * 2);
                break;
            case 3:
                break;
            default:
                c.insert(QStringLiteral("bi_per_person"), 1000 * pp[i]);
                c.insert(QStringLiteral("bi_per_accident"), 1000 * pp[i] * 2 + (chance(50) ? 100000 : 0));
            }
            maybe(c, "limit_combined_single", 100000 * (1 + bounded(6)), 25);
            const int u = pp[bounded(5)];
            switch (bounded(4)) {
            case 0:
                c.insert(QStringLiteral("um_per_person"), QStringLiteral("%1/%2").arg(u).arg(u * 2));
                break;
            case 1:
                c.insert(QStringLiteral("um_per_accident"), 1000 * u * 2);
                break;
            case 2:
                c.insert(QStringLiteral("um_per_person"), 1000 * u);
                c.insert(QStringLiteral("um_per_accident"), 1000 * u * 2);
                break;
            default:
                break;
            }
            const auto phys = [&](const char *key) {
                const int k = bounded(4);
                if (k == 1) c.insert(QString::fromLatin1(key), QStringLiteral("none"));
                if (k >= 2) c.insert(QString::fromLatin1(key), 250 * (1 + bounded(8)));
            };
            phys("collision_deductible");
            phys("comprehensive_deductible");
            maybe(c, "deductible_default", 500, 15);
        } else {
            maybe(c, "umbrella_limit", 1000000 * bounded(4), 80);
            maybe(c, "retained_limit", 1000 * bounded(11), 40);
            if (chance(40)) {
                JsonValue req = JsonValue::object();
                maybe(req, "auto_bi_per_person", chance(50) ? 100000 : 250000);
                maybe(req, "auto_bi_per_accident", chance(50) ? 300000 : 500000);
                maybe(req, "auto_csl", 500000, 30);
                maybe(req, "home_liability", chance(50) ? 300000 : 500000);
                c.insert(QStringLiteral("required_underlying"), req);
            }
        }
        return c;
    }

    JsonValue offering(int index, int c, const QString &line, int bundle, double price) {
        JsonValue o = JsonValue::object();
        o.insert(QStringLiteral("id"), QStringLiteral("o%1").arg(index, 3, 10, QChar(u'0')));
        if (c % 3 != 2) o.insert(QStringLiteral("provider_id"), QStringLiteral("p%1").arg(c));
        o.insert(QStringLiteral("provider_name"), carrierName(c, false));
        o.insert(QStringLiteral("category"), line);
        const QStringList best = {QStringLiteral("A++"),  QStringLiteral("a+"),  QStringLiteral("A (g)"),
                                  QStringLiteral("A- u"), QStringLiteral("B++"), QStringLiteral("B+"),
                                  QStringLiteral("B"),    QStringLiteral("NR"),  QStringLiteral("A\u2212")};
        const QStringList demotech = {QStringLiteral("A''"), QStringLiteral("A\""), QStringLiteral("A'"),
                                      QStringLiteral("A"),   QStringLiteral("S"),   QStringLiteral("M")};
        const int g = bounded(10);
        if (g < 6) {
            o.insert(QStringLiteral("quality_rating"), best[bounded(best.size())]);
        } else if (g < 8) {
            o.insert(QStringLiteral("quality_rating"), demotech[bounded(demotech.size())]);
            o.insert(QStringLiteral("quality_rating_agency"),
                     chance(50) ? QStringLiteral("Demotech") : QStringLiteral(" demotech "));
        }
        const QStringList tiers = {QStringLiteral("premium"), QStringLiteral(" Standard"),
                                   QStringLiteral("economy"), QStringLiteral("basic"),
                                   QStringLiteral("gold")};
        maybe(o, "pricing_tier", tiers[bounded(tiers.size())], 70);
        maybe(o, "commission", 0.01 * bounded(21), 70);
        JsonValue cons = JsonValue::object();
        if (chance(6)) {
            JsonValue ex = JsonValue::array();
            ex.append(chance(50) ? m_state.toLower() : QStringLiteral(" %1 ").arg(m_state));
            cons.insert(QStringLiteral("excluded_states"), ex);
        }
        if (chance(5)) {
            JsonValue pr = JsonValue::array();
            pr.append(QStringLiteral("5241"));
            cons.insert(QStringLiteral("prohibited_naics"), pr);
        }
        if (chance(15)) {
            JsonValue av = JsonValue::array();
            av.append(QStringLiteral("54"));
            cons.insert(QStringLiteral("avoided_naics"), av);
        }
        o.insert(QStringLiteral("constraints"), cons);
        o.insert(QStringLiteral("coverage"), coverage(line, true));

        JsonValue a = JsonValue::object();
        const int p = bounded(10);
        if (p < 6) {
            a.insert(QStringLiteral("line_premium_annual"), 200 + 10 * bounded(200) + 0.01 * bounded(100));
        } else if (p < 9) {
            a.insert(QStringLiteral("line_premium"), 20 + bounded(300) + 0.1 * bounded(10));
            const int terms[] = {1, 6, 7, 12, 0, -1};
            if (chance(80)) a.insert(QStringLiteral("term_months"), terms[bounded(6)]);
        } else {
            a.insert(QStringLiteral("line_premium_annual"), 0);
        }
        if (bundle == 1) {
            a.insert(QStringLiteral("package_id"), QStringLiteral("pkg%1").arg(c));
            a.insert(QStringLiteral("package_premium_annual"), price);
        } else if (bundle == 2) {
            a.insert(QStringLiteral("package_premium_annual"), price);
        }
        if (chance(15))
            a.insert(QStringLiteral("rate_type"),
                     chance(50) ? QStringLiteral("indicative") : QStringLiteral(" Indicative"));
        switch (bounded(8)) {
        case 0:
            a.insert(QStringLiteral("bindable"), false);
            break;
        case 1:
            a.insert(QStringLiteral("bindable"), QStringLiteral("false"));
            break;
        case 2:
            a.insert(QStringLiteral("bindable"), true);
            break;
        default:
            break;
        }
        switch (bounded(6)) {
        case 0:
            a.insert(QStringLiteral("service_rating"), 0.5 * bounded(11));
            break;
        case 1:
            a.insert(QStringLiteral("service_rating"), chance(50) ? 7.0 : -1.0);
            break;
        case 2:
            a.insert(QStringLiteral("service_rating"), QStringLiteral("4"));
            break;
        default:
            break;
        }
        const QStringList generated = {QStringLiteral("2026-11-20T15:04:00Z"), QStringLiteral("2026-10-28"),
                                       QStringLiteral("2026-10-29T11:59:59Z")};
        maybe(a, "quote_generated_at", generated[bounded(generated.size())], 40);
        const QStringList expires = {QStringLiteral("2027-01-19T23:59:59Z"), QStringLiteral("2026-11-28"),
                                     QStringLiteral("2026-11-28T12:00:00Z"), QStringLiteral("2026-11-29")};
        maybe(a, "quote_expires_at", expires[bounded(expires.size())], 30);
        if (line == u"auto") maybe(a, "quoted_vehicle_count", 1 + bounded(3), 30);
        o.insert(QStringLiteral("attributes"), a);
        return o;
    }
};

long long cents(const JsonValue &v) {
    return std::llround(v.toDouble() * 100);
}

QStringList offeringIds(const JsonValue &solution) {
    QStringList out;
    for (const auto &o : solution[u"offerings"].arrayItems())
        out << o[u"id"].toString();
    return out;
}

QString carrierKey(const JsonValue &o) {
    return o[u"provider_id"].isString() ? o[u"provider_id"].toString() : o[u"provider_name"].toString();
}

double clamp100(double v) {
    return std::clamp(v, 0.0, 100.0);
}

double pointsSum(const JsonValue &reasons, const QString &prefix = {}) {
    double s = 0;
    for (const auto &r : reasons.arrayItems())
        if (prefix.isEmpty() || r[u"text"].toString().startsWith(prefix)) s += r[u"points"].toDouble();
    return s;
}

// A rounding slack for sums of points written with 2 decimals (each rounded by at most half a cent).
double slack(const JsonValue &reasons) {
    return 0.005 * double(reasons.size() + 1) + 1e-9;
}

} // namespace

class TestHouseholdProperty : public QObject {
    Q_OBJECT

private:
    const EngineProfile &m_profile = defaultProfile();
    int m_solutions = 0, m_gapRuns = 0, m_gapOnly = 0, m_notAssessed = 0, m_warnings = 0;

    void checkAnalysis(const JsonValue &ca, const QStringList &requested) {
        QVERIFY(ca.isObject());
        const auto &gaps = ca[u"gaps"].arrayItems();
        const JsonValue &summary = ca[u"summary"];
        int last = -1;
        for (const QString &sev : gapSeverityOrder()) {
            const int n = int(std::count_if(gaps.begin(), gaps.end(), [&](const JsonValue &g) {
                return g[u"severity"].toString() == sev;
            }));
            QCOMPARE(int(summary[sev].toDouble()), n);
        }
        for (const JsonValue &g : gaps) {
            const int key = int(gapSeverityOrder().indexOf(g[u"severity"].toString())) * 100 +
                            int(gapRuleOrder().indexOf(g[u"rule_id"].toString()));
            QVERIFY2(gapRuleOrder().contains(g[u"rule_id"].toString()), qPrintable(g[u"rule_id"].toString()));
            QVERIFY2(key >= last, "gaps ordered by severity, then the rule table");
            last = key;
            QVERIFY(g[u"current"].isNull() || g[u"current"].isNumber() || g[u"current"].isString());
            QVERIFY(!g[u"title"].toString().isEmpty() && !g[u"recommendation"].toString().isEmpty());
            if (g[u"rule_id"].toString() == u"line.not_in_force")
                QVERIFY2(requested.contains(g[u"line"].toString()), "only requested lines are not in force");
            if (g[u"rule_id"].toString() == u"history.lapse") QVERIFY(g[u"line"].isNull());
        }
        int lastNa = -1;
        for (const JsonValue &na : summary[u"not_assessed"].arrayItems()) {
            const QString rule = na[u"rule_id"].toString();
            const int idx = int(gapRuleOrder().indexOf(rule));
            QVERIFY(idx >= 0);
            QVERIFY(idx >= lastNa);
            lastNa = idx;
            QVERIFY2(na[u"missing"].size() > 0, qPrintable(rule));
            // A rule is either assessed on a line or not: never both a gap and not assessed there.
            for (const JsonValue &g : gaps)
                QVERIFY2(!(g[u"rule_id"] == na[u"rule_id"] && g[u"line"] == na[u"line"]), qPrintable(rule));
            ++m_notAssessed;
        }
    }

    void checkSolution(const JsonValue &s, const Weights &w, const JsonValue &output, bool gapRuns) {
        const auto &offs = s[u"offerings"].arrayItems();
        const int n = int(offs.size());
        // Carriers.
        QStringList carriers;
        for (const auto &o : offs)
            if (!carriers.contains(carrierKey(o))) carriers << carrierKey(o);
        QCOMPARE(int(s[u"provider_count"].toDouble()), int(carriers.size()));
        QCOMPARE(int(s[u"providers"].size()), int(carriers.size()));

        // Costs add up to the cent: low = bundles + other lines; high = low + the written uplifts.
        const JsonValue &bd = s[u"cost_breakdown"];
        QCOMPARE(int(bd[u"lines"].size()), n);
        QSet<QString> inBundle;
        long long low = 0;
        for (const auto &b : bd[u"bundles"].arrayItems()) {
            low += cents(b[u"package_premium_annual"]);
            QVERIFY(b[u"provider_id"].isString());
            for (const auto &id : b[u"ids"].arrayItems())
                inBundle.insert(id.toString());
            QVERIFY(b[u"ids"].size() >= 2);
        }
        for (const auto &l : bd[u"lines"].arrayItems())
            if (!inBundle.contains(l[u"id"].toString())) low += cents(l[u"line_premium_annual"]);
        QCOMPARE(cents(s[u"est_cost_low"]), low);
        long long uplifts = 0;
        for (const auto &u : bd[u"uplifts"].arrayItems()) {
            const double rate = u[u"kind"].toString() == u"indicative" ? m_profile.indicativeUplift
                                                                       : m_profile.bundleBreakUplift;
            // Costs are kept in cents: the amount is the rate times the base in cents, rounded as written.
            QCOMPARE(cents(u[u"amount"]), std::llround(roundHalfAway(rate * double(cents(u[u"base"])), 0)));
            uplifts += cents(u[u"amount"]);
            // A broken group's lines are never in an intact bundle (an indicative line may be).
            if (u[u"kind"].toString() == u"bundle_break")
                for (const auto &id : u[u"ids"].arrayItems())
                    QVERIFY(!inBundle.contains(id.toString()));
        }
        QCOMPARE(cents(s[u"est_cost_high"]), cents(s[u"est_cost_low"]) + uplifts);
        const long long half = cents(s[u"est_cost_low"]) + cents(s[u"est_cost_high"]);
        QCOMPARE(cents(s[u"cost_mid"]), (half + 1) / 2);
        if (output[u"current_premium"].isNull()) {
            QVERIFY(s[u"change_vs_current"].isNull());
        } else {
            QCOMPARE(
                cents(s[u"change_vs_current"]),
                std::llround(
                    roundHalfAway(s[u"est_cost_low"].toDouble() - output[u"current_premium"].toDouble(), 2) *
                    100));
        }

        // Points add up to scores (§11.2).
        const JsonValue &card = s[u"scorecard"];
        const JsonValue &dims = card[u"dimensions"];
        bool anyBlocked = false;
        double overall = 0;
        for (Dimension d : kDimensions) {
            const JsonValue &dim = dims[dimensionName(d)];
            const double score = dim[u"score"].toDouble();
            const JsonValue &reasons = dim[u"reasons"];
            bool blocker = false;
            for (const auto &r : reasons.arrayItems())
                blocker = blocker || r[u"blocker"].toBool();
            QCOMPARE(dim[u"blocked"].toBool(), blocker);
            if (blocker) QVERIFY(score <= m_profile.blockedCap);
            anyBlocked = anyBlocked || blocker;
            QCOMPARE(dim[u"weight"].toDouble(), w[size_t(d)]);
            QCOMPARE(dim[u"level"].toString(), m_profile.levelFor(score));
            overall += w[size_t(d)] * score;
            double expected = 0;
            switch (d) {
            case Dimension::Pricing:
                expected = clamp100(m_profile.lineStart + pointsSum(reasons));
                break;
            case Dimension::Coverage: {
                // Lines in coverage_types order; each line's reasons start with its name.
                double sum = 0, lowest = 100;
                for (const auto &o : offs) {
                    const QString name = o[u"category"].toString();
                    const QString prefix = name.at(0).toUpper() + name.mid(1) + u':';
                    int count = 0;
                    for (const auto &r : reasons.arrayItems())
                        count += r[u"text"].toString().startsWith(prefix) ? 1 : 0;
                    QVERIFY2(count > 0, qPrintable(prefix));
                    const double line = clamp100(m_profile.lineStart + pointsSum(reasons, prefix));
                    sum += line;
                    lowest = std::min(lowest, line);
                }
                expected = (sum + lowest) / (n + 1);
                break;
            }
            case Dimension::Financial: {
                for (const auto &r : reasons.arrayItems())
                    if (r[u"code"].toString() == u"lowest_grade") expected = r[u"points"].toDouble();
                break;
            }
            case Dimension::Appetite:
                expected = clamp100(m_profile.appetiteStart + pointsSum(reasons));
                break;
            case Dimension::Placement:
            case Dimension::Service:
                expected = clamp100(pointsSum(reasons));
                break;
            }
            if (blocker) expected = std::min(expected, m_profile.blockedCap);
            QVERIFY2(std::fabs(roundHalfAway(expected, 2) - score) <= slack(reasons),
                     qPrintable(QStringLiteral("%1: reasons give %2, score %3")
                                    .arg(dimensionName(d))
                                    .arg(expected)
                                    .arg(score)));
        }
        QCOMPARE(card[u"qualified"].toBool(), !anyBlocked);
        QCOMPARE(card[u"overall_score"].toDouble(), roundHalfAway(overall, 2));
        QCOMPARE(card[u"overall_level"].toString(),
                 anyBlocked ? QStringLiteral("L4") : m_profile.levelFor(card[u"overall_score"].toDouble()));

        // Gap lists (§9, §11.8).
        const QStringList closed = [&] {
            QStringList l;
            for (const auto &x : s[u"gaps_closed"].arrayItems())
                l << x.toString();
            return l;
        }();
        QStringList open, added;
        for (const auto &x : s[u"gaps_open"].arrayItems())
            open << x.toString();
        for (const auto &x : s[u"gaps_new"].arrayItems())
            added << x.toString();
        if (!gapRuns) {
            QVERIFY(closed.isEmpty() && open.isEmpty() && added.isEmpty());
            return;
        }
        QStringList before;
        for (const auto &g : output[u"coverage_analysis"][u"gaps"].arrayItems())
            if (!before.contains(g[u"rule_id"].toString())) before << g[u"rule_id"].toString();
        QStringList both;
        for (const QString &id : before)
            if (closed.contains(id) || open.contains(id)) both << id;
        QCOMPARE(both, before); // every rule that fired before is closed or open ...
        for (const QString &id : closed)
            QVERIFY2(!open.contains(id), qPrintable(id)); // ... not both
        QCOMPARE(closed.size() + open.size(), before.size());
        QVERIFY(std::is_sorted(closed.begin(), closed.end(), [&](const QString &a, const QString &b) {
            return before.indexOf(a) < before.indexOf(b);
        }));
        QVERIFY(std::is_sorted(open.begin(), open.end(), [&](const QString &a, const QString &b) {
            return before.indexOf(a) < before.indexOf(b);
        }));
        QCOMPARE(int(QSet<QString>(added.begin(), added.end()).size()), int(added.size()));
        for (const QString &id : added) {
            QVERIFY2(!before.contains(id), qPrintable(id));
            QVERIFY(gapRuleOrder().contains(id));
            // Every requested line is in the package, so none is newly "not in force".
            QVERIFY(id != u"line.not_in_force");
        }
    }

    // §7: the order of the list and the label winners, stated as conditions on the full list.
    void checkOrderAndLabels(const std::vector<JsonValue> &all, int qualifiedCount) {
        const auto midCents = [](const JsonValue &s) { return cents(s[u"cost_mid"]); };
        const auto cov = [](const JsonValue &s) {
            return s[u"scorecard"][u"dimensions"][u"coverage"][u"score"].toDouble();
        };
        for (size_t i = 0; i < all.size(); ++i) {
            QCOMPARE(int(all[i][u"rank"].toDouble()), int(i + 1));
            if (i == 0) continue;
            const JsonValue &a = all[i - 1], &b = all[i];
            const bool qa = a[u"scorecard"][u"qualified"].toBool(),
                       qb = b[u"scorecard"][u"qualified"].toBool();
            const double oa = a[u"scorecard"][u"overall_score"].toDouble(),
                         ob = b[u"scorecard"][u"overall_score"].toDouble();
            const int ca = int(a[u"provider_count"].toDouble()), cb = int(b[u"provider_count"].toDouble());
            const QByteArray ka = offeringIds(a).join(u',').toUtf8(), kb = offeringIds(b).join(u',').toUtf8();
            const bool ordered =
                qa != qb ? qa
                         : (oa != ob ? oa > ob
                                     : (midCents(a) != midCents(b) ? midCents(a) < midCents(b)
                                                                   : (ca != cb ? ca < cb : ka < kb)));
            QVERIFY2(ordered, qPrintable(QStringLiteral("rank %1 before rank %2").arg(i).arg(i + 1)));
        }
        std::vector<size_t> cand;
        for (size_t i = 0; i < all.size(); ++i)
            if (qualifiedCount == 0 || all[i][u"scorecard"][u"qualified"].toBool()) cand.push_back(i);
        QHash<QString, size_t> winners;
        for (size_t i = 0; i < all.size(); ++i) {
            if (!all[i][u"label_winner"].toBool()) {
                const JsonValue &d = all[i][u"scorecard"][u"dimensions"];
                const double pr = d[u"pricing"][u"score"].toDouble(),
                             cv = d[u"coverage"][u"score"].toDouble(),
                             pl = d[u"placement"][u"score"].toDouble();
                const QString own = pr >= cv && pr >= pl ? QStringLiteral("best_value")
                                    : cv >= pl           ? QStringLiteral("best_coverage")
                                                         : QStringLiteral("simplest");
                QCOMPARE(all[i][u"cluster_label"].toString(), own);
                continue;
            }
            const QString label = all[i][u"cluster_label"].toString();
            QVERIFY2(!winners.contains(label), qPrintable(label));
            winners[label] = i;
            QVERIFY(std::find(cand.begin(), cand.end(), i) != cand.end());
        }
        if (cand.empty()) return;
        QCOMPARE(winners.value(QStringLiteral("recommended"), size_t(-1)), cand.front());
        QSet<size_t> taken{cand.front()};
        // Each label: the first candidate in rank order, not yet labelled and eligible, that no later one
        // beats (ties go to the better rank).
        const auto expectWinner = [&](const QString &label, auto eligible, auto better) {
            std::optional<size_t> best;
            for (size_t i : cand)
                if (!taken.contains(i) && eligible(all[i]) && (!best || better(all[i], all[*best]))) best = i;
            QCOMPARE(winners.contains(label), best.has_value());
            if (!best) return;
            QCOMPARE(winners[label], *best);
            taken.insert(*best);
        };
        const auto any = [](const JsonValue &) { return true; };
        const auto carriers = [](const JsonValue &s) { return s[u"provider_count"].toDouble(); };
        // best_value: coverage L1 or L2, lowest mid (cents).
        expectWinner(
            QStringLiteral("best_value"), [&](const JsonValue &s) { return cov(s) >= m_profile.levelL2; },
            [&](const JsonValue &a, const JsonValue &b) { return midCents(a) < midCents(b); });
        // best_coverage: highest coverage, then lower mid.
        expectWinner(QStringLiteral("best_coverage"), any, [&](const JsonValue &a, const JsonValue &b) {
            return cov(a) > cov(b) || (cov(a) == cov(b) && midCents(a) < midCents(b));
        });
        // simplest: fewest carriers.
        expectWinner(QStringLiteral("simplest"), any,
                     [&](const JsonValue &a, const JsonValue &b) { return carriers(a) < carriers(b); });
    }

private slots:
    void randomHouseholds() {
        const int cases = 1500;
        for (quint32 seed = 1; seed <= quint32(cases); ++seed) {
            HouseholdGenerator gen(seed);
            const JsonValue root = gen.make();
            EngineOptions options;
            options.now = test::fixedNow();
            options.top = 100000;
            const EngineRun r = runEngine(root, options);
            QStringList errors;
            for (const Problem &p : r.problems) {
                if (p.isError())
                    errors << p.path + u": " + p.message;
                else
                    ++m_warnings;
            }
            QVERIFY2(r.ok(), qPrintable(QStringLiteral("seed %1: %2").arg(seed).arg(errors.join(u"; "))));
            const JsonValue &run = *r.run;
            const JsonValue &output = run[u"output"];
            const auto &solutions = run[u"solutions"].arrayItems();

            // Byte-identical output for the same input, through both entry points.
            const EngineRun again = runEngine(root, options);
            QCOMPARE(writeJson((*again.run)[u"output"]), writeJson(output));
            QCOMPARE(writeJson((*again.run)[u"solutions"]), writeJson(run[u"solutions"]));
            const CaseInput input = prepareCase(root, options).prepared->cs.input;
            QCOMPARE(gen.gapRuns(), r.routing.gapAnalysis);

            if (!r.routing.quoteMatching) {
                ++m_gapOnly;
                QStringList keys;
                for (const auto &m : output.objectMembers())
                    keys << m.first;
                QCOMPARE(keys, QStringList(
                                   {QStringLiteral("coverage_analysis"), QStringLiteral("current_premium")}));
                QCOMPARE(int(solutions.size()), 0);
                checkAnalysis(output[u"coverage_analysis"], gapRequestedLines(input));
                continue;
            }
            if (r.routing.gapAnalysis) {
                ++m_gapRuns;
                checkAnalysis(output[u"coverage_analysis"], gapRequestedLines(input));
            } else {
                QVERIFY(!output.contains(u"coverage_analysis"));
            }
            QCOMPARE(int(output[u"pool_size"].toDouble()), int(root[u"offerings"].size()));
            QCOMPARE(int(output[u"solution_count"].toDouble()), int(solutions.size()));
            const int qualified =
                int(std::count_if(solutions.begin(), solutions.end(),
                                  [](const JsonValue &s) { return s[u"scorecard"][u"qualified"].toBool(); }));
            QCOMPARE(int(output[u"qualified_count"].toDouble()), qualified);
            QCOMPARE(output[u"missing_lines"].size() == 0, !solutions.empty());

            QString bucket = input.appetiteBucket.isEmpty() ? m_profile.defaultBucket : input.appetiteBucket;
            const Weights w = m_profile.weights.at(bucket);
            for (const JsonValue &s : solutions) {
                checkSolution(s, w, output, r.routing.gapAnalysis);
                if (QTest::currentTestFailed()) {
                    qWarning("seed %u: solution %s", seed, qPrintable(offeringIds(s).join(u',')));
                    return;
                }
            }
            checkOrderAndLabels(solutions, qualified);
            if (QTest::currentTestFailed()) {
                qWarning("seed %u", seed);
                return;
            }
            // A shorter top is the head of the same list.
            if (solutions.size() > 2) {
                options.top = int(solutions.size()) / 2;
                const EngineRun head = runEngine(root, options);
                const auto &got = (*head.run)[u"solutions"].arrayItems();
                QCOMPARE(int(got.size()), options.top);
                for (int i = 0; i < options.top; ++i)
                    QCOMPARE(writeJson(got[size_t(i)]), writeJson(solutions[size_t(i)]));
            }
            m_solutions += int(solutions.size());
        }
        qInfo("%d gap-only runs, %d dual runs, %d solutions, %d not-assessed entries, %d warnings", m_gapOnly,
              m_gapRuns, m_solutions, m_notAssessed, m_warnings);
        // The generator reaches every mode and the rules' undecided branches.
        QVERIFY2(m_gapOnly > 30, qPrintable(QString::number(m_gapOnly)));
        QVERIFY2(m_gapRuns > 100, qPrintable(QString::number(m_gapRuns)));
        QVERIFY2(m_solutions > 5000, qPrintable(QString::number(m_solutions)));
        QVERIFY(m_notAssessed > 200);
        QVERIFY(m_warnings > 200);
    }
};

QTEST_GUILESS_MAIN(TestHouseholdProperty)
#include "tst_householdproperty.moc"
