// SPDX-License-Identifier: MIT
#include "casegen.h"

#include <QStringList>

#include <random>

namespace pw::bench {

namespace {

JsonValue coverageFor(const QString &line, std::mt19937 &rng) {
    auto pick = [&](std::initializer_list<double> values) {
        std::vector<double> v(values);
        return v[rng() % v.size()];
    };
    JsonValue c = JsonValue::object();
    if (line == u"home") {
        c.insert(QStringLiteral("dwelling_limit"), pick({700000, 800000, 850000, 900000, 950000}));
        c.insert(QStringLiteral("settlement"),
                 rng() % 5 == 0 ? QStringLiteral("actual_cash_value") : QStringLiteral("replacement_cost"));
        c.insert(QStringLiteral("liability_limit"), pick({100000, 300000, 500000}));
        c.insert(QStringLiteral("water_backup_limit"), pick({0, 5000, 10000, 25000}));
        c.insert(QStringLiteral("deductible"), pick({1000, 2500, 5000}));
    } else if (line == u"auto") {
        const double pp = pick({50000, 100000, 250000, 500000});
        c.insert(QStringLiteral("bi_per_person"), pp);
        c.insert(QStringLiteral("bi_per_accident"), pp * 2);
        c.insert(QStringLiteral("um_per_person"), pick({25000, 100000, 250000}));
        c.insert(QStringLiteral("um_per_accident"), pick({50000, 300000, 500000}));
        c.insert(QStringLiteral("collision_deductible"), pick({500, 1000}));
        c.insert(QStringLiteral("comprehensive_deductible"), pick({500, 1000}));
    } else {
        c.insert(QStringLiteral("umbrella_limit"), pick({1000000, 2000000}));
        JsonValue req = JsonValue::object();
        req.insert(QStringLiteral("auto_bi_per_person"), pick({100000, 250000}));
        req.insert(QStringLiteral("auto_bi_per_accident"), pick({300000, 500000}));
        req.insert(QStringLiteral("home_liability"), 300000);
        c.insert(QStringLiteral("required_underlying"), req);
    }
    return c;
}

JsonValue object(std::initializer_list<std::pair<const char *, JsonValue>> members) {
    JsonValue o = JsonValue::object();
    for (const auto &[k, v] : members)
        o.insert(QString::fromLatin1(k), v);
    return o;
}

// The Brooklyn household of the samples: two drivers (one a teen), two cars, current home and auto
// coverage with gaps at the incumbent "21st Century", a claim in the history.
void addHousehold(JsonValue &input) {
    input.insert(QStringLiteral("request_config"),
                 object({{"quote_matching", true}, {"coverage_analysis", true}}));
    input.insert(QStringLiteral("applicant"), object({{"first_name", "Dana"},
                                                      {"last_name", "Okafor"},
                                                      {"date_of_birth", "1979-04-12"},
                                                      {"net_worth", 1400000},
                                                      {"cash_reserve", 20000}}));
    JsonValue drivers = JsonValue::array();
    drivers.append(object(
        {{"driver_id", "d1"}, {"date_of_birth", "1979-04-12"}, {"violations_5yr", 1}, {"accidents_5yr", 0}}));
    drivers.append(object(
        {{"driver_id", "d2"}, {"date_of_birth", "2009-02-03"}, {"violations_5yr", 0}, {"accidents_5yr", 0}}));
    input.insert(QStringLiteral("drivers"), drivers);
    JsonValue vehicles = JsonValue::array();
    vehicles.append(object({{"year", 2022}, {"make", "Subaru"}, {"model", "Outback"}}));
    vehicles.append(object({{"year", 2014}, {"make", "Honda"}, {"model", "Civic"}}));
    input.insert(QStringLiteral("vehicles_detail"), vehicles);
    input.insert(QStringLiteral("residence"), object({{"construction", "masonry"},
                                                      {"year_built", 1899},
                                                      {"replacement_cost", 850000},
                                                      {"flood_zone", "X"},
                                                      {"pool", false},
                                                      {"trampoline", false}}));
    JsonValue current = JsonValue::object();
    current.insert(QStringLiteral("home"), object({{"carrier", "21st Century"},
                                                   {"annual_premium", 2480.91},
                                                   {"dwelling_limit", 620000},
                                                   {"liability_limit", 300000},
                                                   {"deductible", 1000},
                                                   {"settlement", "replacement_cost"}}));
    current.insert(QStringLiteral("auto"), object({{"carrier", "21st Century"},
                                                   {"annual_premium", 1507.32},
                                                   {"bi_per_person", 50000},
                                                   {"bi_per_accident", 100000},
                                                   {"pd_per_accident", 50000},
                                                   {"um_per_person", 25000},
                                                   {"um_per_accident", 50000},
                                                   {"collision_deductible", 500},
                                                   {"comprehensive_deductible", 500}}));
    input.insert(QStringLiteral("current_coverage"), current);
    JsonValue claims = JsonValue::array();
    claims.append(object({{"date", "2021-08-14"}, {"line", "home"}, {"type", "water"}, {"amount", 8400}}));
    input.insert(QStringLiteral("insurance_history"), object({{"continuous_coverage_years", 12},
                                                              {"lapses", JsonValue::array()},
                                                              {"claims", claims},
                                                              {"non_renewals", JsonValue::array()}}));
    input.insert(QStringLiteral("premium"), 3988.23);
}

JsonValue generate(const QStringList &lines, const std::vector<int> &perLine, int carriers, quint32 seed,
                   bool household, Premiums premiums = Premiums::Random) {
    const double nearPremiums[] = {999.99, 1000, 1000.01};
    std::mt19937 rng(seed);
    JsonValue input = JsonValue::object();
    JsonValue address = JsonValue::object();
    address.insert(QStringLiteral("state"), QStringLiteral("NY"));
    address.insert(QStringLiteral("zip_code"), QStringLiteral("11231"));
    input.insert(QStringLiteral("address"), address);
    JsonValue types = JsonValue::array();
    for (const auto &l : lines)
        types.append(l);
    input.insert(QStringLiteral("coverage_types"), types);
    input.insert(QStringLiteral("appetite_bucket"), QStringLiteral("balanced"));
    JsonValue residence = JsonValue::object();
    residence.insert(QStringLiteral("replacement_cost"), 850000);
    input.insert(QStringLiteral("residence"), residence);
    input.insert(QStringLiteral("vehicles"), 2);
    if (household)
        addHousehold(input);
    else
        input.insert(QStringLiteral("premium"), 4000);
    const QStringList grades = {QStringLiteral("A++"), QStringLiteral("A+"),  QStringLiteral("A"),
                                QStringLiteral("A-"),  QStringLiteral("B++"), QStringLiteral("B")};
    JsonValue offerings = JsonValue::array();
    int id = 0;
    for (int li = 0; li < lines.size(); ++li) {
        for (int k = 0; k < perLine[size_t(li)]; ++k) {
            const int carrier = k % carriers;
            JsonValue o = JsonValue::object();
            o.insert(QStringLiteral("id"),
                     QStringLiteral("off_%1_%2").arg(lines[li]).arg(id++, 5, 10, QChar(u'0')));
            o.insert(QStringLiteral("provider_id"), QStringLiteral("prov_%1").arg(carrier));
            // Carrier 0 is the household's incumbent, named as the current coverage names it.
            o.insert(QStringLiteral("provider_name"), household && carrier == 0
                                                          ? QStringLiteral("21st Century Insurance Co.")
                                                          : QStringLiteral("Carrier %1 Mutual").arg(carrier));
            o.insert(QStringLiteral("category"), lines[li]);
            o.insert(QStringLiteral("quality_rating"), grades[int(rng() % grades.size())]);
            o.insert(QStringLiteral("pricing_tier"), QStringLiteral("standard"));
            o.insert(QStringLiteral("commission"), 0.12);
            o.insert(QStringLiteral("coverage"), coverageFor(lines[li], rng));
            JsonValue a = JsonValue::object();
            const double premium = 400 + double(rng() % 300000) / 100.0;
            a.insert(QStringLiteral("line_premium_annual"),
                     premiums == Premiums::Random   ? premium
                     : premiums == Premiums::Spread ? (1000 + 500 * li) * (0.8 + double(rng() % 40001) / 1e5)
                     : premiums == Premiums::Equal  ? 1000
                                                    : nearPremiums[size_t(id) % 3]);
            if (k < carriers && premiums != Premiums::Spread) {
                a.insert(QStringLiteral("package_id"), QStringLiteral("pkg_%1").arg(carrier));
                a.insert(QStringLiteral("package_premium_annual"),
                         premiums == Premiums::Random ? 3000 + carrier * 37 : 900 * int(lines.size()));
            }
            const double rating = 3 + double(rng() % 20) / 10.0;
            a.insert(QStringLiteral("service_rating"),
                     premiums == Premiums::Random || premiums == Premiums::Spread ? rating : 4.0);
            if (premiums == Premiums::Equal || premiums == Premiums::Near)
                o.insert(QStringLiteral("quality_rating"), QStringLiteral("A"));
            if (household) {
                // The fields a real quote carries beside the ones the engine reads (Brooklyn's size).
                a.insert(QStringLiteral("quote_id"),
                         QStringLiteral("qt_%1_%2").arg(lines[li]).arg(id, 6, 10, QChar(u'0')));
                JsonValue cov = o[u"coverage"];
                cov.insert(QStringLiteral("product_name"),
                           QStringLiteral("Signature %1 program").arg(lines[li]));
                cov.insert(QStringLiteral("program_type"), QStringLiteral("quoted_line"));
                if (lines[li] == u"home") {
                    cov.insert(QStringLiteral("other_structures_limit"), 85000);
                    cov.insert(QStringLiteral("personal_property_limit"), 425000);
                    cov.insert(QStringLiteral("loss_of_use_limit"), 170000);
                    cov.insert(QStringLiteral("medical_payments_limit"), 5000);
                    cov.insert(QStringLiteral("wind_hail_deductible"), QStringLiteral("2%"));
                } else if (lines[li] == u"auto") {
                    cov.insert(QStringLiteral("pd_per_accident"), 100000);
                    cov.insert(QStringLiteral("medical_payments"), 5000);
                } else {
                    cov.insert(QStringLiteral("retained_limit"), 0);
                }
                o.insert(QStringLiteral("coverage"), cov);
                a.insert(QStringLiteral("term_months"), 12);
                a.insert(QStringLiteral("quote_generated_at"), QStringLiteral("2026-11-20T15:04:00Z"));
                a.insert(QStringLiteral("quote_expires_at"), QStringLiteral("2027-01-19T23:59:59Z"));
                a.insert(QStringLiteral("bindable"), rng() % 10 != 0);
                if (rng() % 8 == 0) a.insert(QStringLiteral("rate_type"), QStringLiteral("indicative"));
                JsonValue c = JsonValue::object();
                c.insert(QStringLiteral("excluded_states"), JsonValue::array());
                c.insert(QStringLiteral("prohibited_naics"), JsonValue::array());
                c.insert(QStringLiteral("avoided_naics"), JsonValue::array());
                o.insert(QStringLiteral("constraints"), c);
            }
            o.insert(QStringLiteral("attributes"), a);
            offerings.append(o);
        }
    }
    JsonValue root = JsonValue::object();
    root.insert(QStringLiteral("input"), input);
    root.insert(QStringLiteral("offerings"), offerings);
    return root;
}

} // namespace

JsonValue generateCase(const QStringList &lines, const std::vector<int> &perLine, int carriers,
                       quint32 seed) {
    return generate(lines, perLine, carriers, seed, false);
}

JsonValue householdCase(const QStringList &lines, const std::vector<int> &perLine, int carriers,
                        quint32 seed) {
    return generate(lines, perLine, carriers, seed, true);
}

JsonValue tiedHouseholdCase(const QStringList &lines, const std::vector<int> &perLine, int carriers,
                            quint32 seed, Premiums premiums) {
    return generate(lines, perLine, carriers, seed, true, premiums);
}

JsonValue typicalCase(quint32 seed) {
    std::mt19937 rng(seed);
    std::vector<int> perLine;
    for (int i = 0; i < 3; ++i)
        perLine.push_back(10 + int(rng() % 11)); // 10 carriers × 1–2 options
    return householdCase({QStringLiteral("home"), QStringLiteral("auto"), QStringLiteral("umbrella")},
                         perLine, 10, seed);
}

} // namespace pw::bench
