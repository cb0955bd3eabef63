// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"

#include <QStringList>

#include <random>

namespace pw::test {

// Random households for the ranking tests: 1–3 lines in random order, 2–6 carriers with 0–2 offerings
// per line, prices on a coarse grid (many equal costs and scores), bundles, filtered and ignored
// offerings, vulnerable grades (disqualified packages), avoided NAICS, non-renewals, indicative rates,
// unbindable and stale quotes, partly stated coverage and tier fallbacks, all four appetite buckets.
// The same seed gives the same case.
class RandomHousehold {
public:
    // Up to `perCarrierLine` offerings for each carrier and line (2: at most 1,728 packages).
    explicit RandomHousehold(quint32 seed, int perCarrierLine = 2)
        : m_rng(seed)
        , m_perCarrierLine(perCarrierLine) {}

    JsonValue make() {
        const QStringList all = {QStringLiteral("home"), QStringLiteral("auto"), QStringLiteral("umbrella")};
        QStringList lines = all;
        std::shuffle(lines.begin(), lines.end(), m_rng);
        lines = lines.mid(0, 1 + bounded(3));
        JsonValue input = JsonValue::object();
        JsonValue address = JsonValue::object();
        address.insert(QStringLiteral("state"), QStringLiteral("NY"));
        input.insert(QStringLiteral("address"), address);
        JsonValue types = JsonValue::array();
        for (const auto &l : lines)
            types.append(l);
        input.insert(QStringLiteral("coverage_types"), types);
        const QStringList buckets = {QStringLiteral("balanced"), QStringLiteral("coverage_first"),
                                     QStringLiteral("cost_sensitive"), QStringLiteral("simplicity")};
        input.insert(QStringLiteral("appetite_bucket"), buckets[bounded(4)]);
        JsonValue residence = JsonValue::object();
        if (chance(80)) residence.insert(QStringLiteral("replacement_cost"), 400000 + 50000 * bounded(10));
        input.insert(QStringLiteral("residence"), residence);
        input.insert(QStringLiteral("vehicles"), 1 + bounded(3));
        JsonValue drivers = JsonValue::array();
        JsonValue d = JsonValue::object();
        d.insert(QStringLiteral("violations_5yr"), bounded(2));
        drivers.append(d);
        input.insert(QStringLiteral("drivers"), drivers);
        if (chance(30)) input.insert(QStringLiteral("naics"), QStringLiteral("541310"));
        const int carriers = 2 + bounded(5);
        JsonValue history = JsonValue::object();
        JsonValue nonRenewals = JsonValue::array();
        if (chance(25)) {
            JsonValue nr = JsonValue::object();
            nr.insert(QStringLiteral("carrier"), QStringLiteral("Carrier %1").arg(bounded(carriers)));
            nonRenewals.append(nr);
        }
        history.insert(QStringLiteral("non_renewals"), nonRenewals);
        input.insert(QStringLiteral("insurance_history"), history);
        JsonValue current = JsonValue::object();
        for (const auto &l : lines) {
            if (!chance(50)) continue;
            JsonValue c = JsonValue::object();
            c.insert(QStringLiteral("carrier"), QStringLiteral("Carrier %1").arg(bounded(carriers)));
            c.insert(QStringLiteral("annual_premium"), 500 + bounded(3000));
            current.insert(l, c);
        }
        input.insert(QStringLiteral("current_coverage"), current);

        JsonValue offerings = JsonValue::array();
        int next = 0;
        const QStringList grades = {QStringLiteral("A++"),
                                    QStringLiteral("A"),
                                    QStringLiteral("A-"),
                                    QStringLiteral("B++"),
                                    QStringLiteral("B"),
                                    QStringLiteral("NR"),
                                    QString()};
        const QStringList tiers = {QStringLiteral("premium"), QStringLiteral("standard"),
                                   QStringLiteral("economy"), QString()};
        for (int c = 0; c < carriers; ++c) {
            const bool bundles = chance(50);
            const double packagePrice = 1000 + 100 * bounded(40);
            const QString grade = grades[bounded(grades.size())];
            for (const auto &l : all) {
                const int count = bounded(m_perCarrierLine + 1);
                for (int k = 0; k < count; ++k) {
                    JsonValue o = JsonValue::object();
                    o.insert(QStringLiteral("id"), QStringLiteral("o%1").arg(next++, 3, 10, QChar(u'0')));
                    o.insert(QStringLiteral("provider_id"), QStringLiteral("p%1").arg(c));
                    o.insert(QStringLiteral("provider_name"), QStringLiteral("Carrier %1").arg(c));
                    o.insert(QStringLiteral("category"), l);
                    if (!grade.isEmpty()) o.insert(QStringLiteral("quality_rating"), grade);
                    o.insert(QStringLiteral("pricing_tier"), tiers[bounded(tiers.size())]);
                    o.insert(QStringLiteral("commission"), 0.1);
                    JsonValue cons = JsonValue::object();
                    if (chance(5)) {
                        JsonValue ex = JsonValue::array();
                        ex.append(QStringLiteral("NY"));
                        cons.insert(QStringLiteral("excluded_states"), ex);
                    }
                    if (chance(15)) {
                        JsonValue av = JsonValue::array();
                        av.append(QStringLiteral("5413"));
                        cons.insert(QStringLiteral("avoided_naics"), av);
                    }
                    o.insert(QStringLiteral("constraints"), cons);
                    o.insert(QStringLiteral("coverage"), coverage(l));
                    JsonValue a = JsonValue::object();
                    a.insert(QStringLiteral("line_premium_annual"),
                             200 + 10 * bounded(200) + (chance(20) ? 0.5 : 0));
                    if (bundles && k == 0) {
                        a.insert(QStringLiteral("package_id"), QStringLiteral("pkg%1").arg(c));
                        a.insert(QStringLiteral("package_premium_annual"), packagePrice);
                    }
                    if (chance(10))
                        a.insert(QStringLiteral("quote_expires_at"), QStringLiteral("2026-11-01"));
                    if (chance(10)) a.insert(QStringLiteral("rate_type"), QStringLiteral("indicative"));
                    if (chance(10)) a.insert(QStringLiteral("bindable"), false);
                    if (chance(30)) a.insert(QStringLiteral("service_rating"), 2.5 + 0.5 * bounded(6));
                    if (chance(10))
                        a.insert(QStringLiteral("quote_generated_at"),
                                 QStringLiteral("2026-09-01T00:00:00Z"));
                    o.insert(QStringLiteral("attributes"), a);
                    offerings.append(o);
                }
            }
        }
        JsonValue root = JsonValue::object();
        root.insert(QStringLiteral("input"), input);
        root.insert(QStringLiteral("offerings"), offerings);
        return root;
    }

private:
    std::mt19937 m_rng;
    int m_perCarrierLine = 2;
    int bounded(int n) { return int(m_rng() % quint32(n)); }
    bool chance(int pct) { return bounded(100) < pct; }

    void maybe(JsonValue &o, const char *key, JsonValue v, int pct = 75) {
        if (chance(pct)) o.insert(QString::fromLatin1(key), std::move(v));
    }

    JsonValue coverage(const QString &line) {
        JsonValue c = JsonValue::object();
        if (chance(10)) return c; // tier fallback
        if (line == u"home") {
            maybe(c, "dwelling_limit", 300000 + 50000 * bounded(14));
            const QStringList st = {QStringLiteral("replacement_cost"), QStringLiteral("actual_cash_value"),
                                    QStringLiteral("extended_replacement_cost"),
                                    QStringLiteral("guaranteed_replacement_cost")};
            maybe(c, "settlement", st[bounded(4)]);
            maybe(c, "extended_replacement_pct", 25, 30);
            maybe(c, "liability_limit", 100000 * (1 + bounded(5)));
            maybe(c, "water_backup_limit", 5000 * bounded(3));
            maybe(c, "deductible",
                  chance(30) ? JsonValue(QStringLiteral("2%")) : JsonValue(500 * (1 + bounded(6))));
        } else if (line == u"auto") {
            const int pp[] = {50000, 100000, 250000, 500000};
            const int i = bounded(4);
            maybe(c, "bi_per_person", pp[i]);
            maybe(c, "bi_per_accident", pp[i] * 2 + (chance(50) ? 100000 : 0));
            maybe(c, "limit_combined_single", 300000 + 200000 * bounded(2), 15);
            maybe(c, "um_per_person", pp[bounded(4)]);
            maybe(c, "um_per_accident", pp[bounded(4)] * 2);
            maybe(c, "collision_deductible", chance(15) ? JsonValue(QStringLiteral("none")) : JsonValue(500));
        } else {
            maybe(c, "umbrella_limit", 1000000 * bounded(3));
            if (chance(40)) {
                JsonValue req = JsonValue::object();
                req.insert(QStringLiteral("auto_bi_per_person"), chance(50) ? 100000 : 250000);
                req.insert(QStringLiteral("home_liability"), 300000);
                c.insert(QStringLiteral("required_underlying"), req);
            }
        }
        return c;
    }
};

} // namespace pw::test
