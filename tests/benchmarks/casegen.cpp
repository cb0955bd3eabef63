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

} // namespace

JsonValue generateCase(const QStringList &lines, const std::vector<int> &perLine, int carriers,
                       quint32 seed) {
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
            o.insert(QStringLiteral("provider_name"), QStringLiteral("Carrier %1 Mutual").arg(carrier));
            o.insert(QStringLiteral("category"), lines[li]);
            o.insert(QStringLiteral("quality_rating"), grades[int(rng() % grades.size())]);
            o.insert(QStringLiteral("pricing_tier"), QStringLiteral("standard"));
            o.insert(QStringLiteral("commission"), 0.12);
            o.insert(QStringLiteral("coverage"), coverageFor(lines[li], rng));
            JsonValue a = JsonValue::object();
            a.insert(QStringLiteral("line_premium_annual"), 400 + double(rng() % 300000) / 100.0);
            if (k < carriers) {
                a.insert(QStringLiteral("package_id"), QStringLiteral("pkg_%1").arg(carrier));
                a.insert(QStringLiteral("package_premium_annual"), 3000 + carrier * 37);
            }
            a.insert(QStringLiteral("service_rating"), 3 + double(rng() % 20) / 10.0);
            o.insert(QStringLiteral("attributes"), a);
            offerings.append(o);
        }
    }
    JsonValue root = JsonValue::object();
    root.insert(QStringLiteral("input"), input);
    root.insert(QStringLiteral("offerings"), offerings);
    return root;
}

JsonValue typicalCase(quint32 seed) {
    std::mt19937 rng(seed);
    std::vector<int> perLine;
    for (int i = 0; i < 3; ++i)
        perLine.push_back(10 + int(rng() % 11)); // 10 carriers × 1–2 options
    return generateCase({QStringLiteral("home"), QStringLiteral("auto"), QStringLiteral("umbrella")}, perLine,
                        10, seed);
}

} // namespace pw::bench
