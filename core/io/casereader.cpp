// SPDX-License-Identifier: MIT
#include "casereader.h"

#include "io/jsonpath.h"
#include "util/numbers.h"
#include "util/plainscan.h"

#include <algorithm>
#include <cmath>

namespace pw {

QString lineName(Line l) {
    switch (l) {
    case Line::Home:
        return QStringLiteral("home");
    case Line::Auto:
        return QStringLiteral("auto");
    case Line::Umbrella:
        return QStringLiteral("umbrella");
    }
    return {};
}

std::optional<Line> lineFromName(const QString &name) {
    for (Line l : kAllLines)
        if (lineName(l) == name) return l;
    return std::nullopt;
}

QString settlementName(Settlement s) {
    switch (s) {
    case Settlement::ActualCashValue:
        return QStringLiteral("actual_cash_value");
    case Settlement::ReplacementCost:
        return QStringLiteral("replacement_cost");
    case Settlement::ExtendedReplacementCost:
        return QStringLiteral("extended_replacement_cost");
    case Settlement::GuaranteedReplacementCost:
        return QStringLiteral("guaranteed_replacement_cost");
    }
    return {};
}

OptDouble AmountOrPercent::resolve(OptDouble dwellingLimit) const {
    if (!stated) return std::nullopt;
    if (!percent) return value;
    if (!dwellingLimit) return std::nullopt;
    return *dwellingLimit * value / 100.0;
}

std::vector<double> parseSplitLimit(const QString &text) {
    std::vector<double> parts = scanSplitNumbers(text); // "12.345" thousands is $12,345 exactly
    for (double &p : parts)
        p = roundHalfAway(p * 1000.0, 2);
    return parts;
}

namespace {

// A JSON path built only when a problem is reported (reading a case must not pay for paths it never
// prints): the parent's path and the member name.
struct PathJoin {
    const QString *base;
    QString key;
    QLatin1StringView latinKey{}; // the member name given as Latin-1: no string is built for it either
    operator QString() const {
        const QString k = latinKey.isNull() ? key : QString(latinKey);
        return base->isEmpty() ? k : *base + u'.' + k;
    }
};

PathJoin join(const QString &path, const QString &key) {
    return {&path, key};
}

PathJoin join(const QString &path, QLatin1StringView key) {
    return {&path, QString(), key};
}

QString index(const QString &path, int i) {
    return path + u'[' + QString::number(i) + u']';
}

// Reads typed values out of JSON objects, reporting type errors at their paths.
class Reader {
public:
    explicit Reader(Problems *problems)
        : m_problems(problems) {}

    void error(const QString &path, const QString &message) {
        if (m_problems) m_problems->push_back({Problem::Severity::Error, path, message});
    }
    void warning(const QString &path, const QString &message) {
        if (m_problems) m_problems->push_back({Problem::Severity::Warning, path, message});
    }

    template <typename P> void wrongType(const P &path, const JsonValue &v, const QString &expected) {
        error(QString(path), QStringLiteral("must be %1, not %2").arg(expected, v.typeName()));
    }

    // The object at key (absent/null: an empty object, and no error).
    template <typename K, typename P>
    const JsonValue &object(const JsonValue &parent, const K &key, const P &path) {
        static const JsonValue empty;
        const JsonValue &v = parent[key];
        if (v.isNull() || v.isObject()) return v;
        wrongType(path, v, QStringLiteral("an object"));
        return empty;
    }

    template <typename K, typename P> OptDouble number(const JsonValue &parent, const K &key, const P &path) {
        const JsonValue &v = parent[key];
        return numberValue(v, path);
    }

    template <typename P> OptDouble numberValue(const JsonValue &v, const P &path) {
        if (v.isNull()) return std::nullopt;
        if (!v.isNumber()) {
            wrongType(path, v, QStringLiteral("a number"));
            return std::nullopt;
        }
        if (!std::isfinite(v.toDouble())) {
            error(QString(path), QStringLiteral("number %1 is out of range")
                                     .arg(QString::fromLatin1(v.numberText().left(40))));
            return std::nullopt;
        }
        return v.toDouble();
    }

    template <typename K, typename P> OptDouble money(const JsonValue &parent, const K &key, const P &path) {
        OptDouble v = number(parent, key, path);
        if (v && *v < 0) {
            error(QString(path), QStringLiteral("must not be negative (found %1)").arg(*v));
            return std::nullopt;
        }
        return v;
    }

    template <typename K, typename P> QString string(const JsonValue &parent, const K &key, const P &path) {
        const JsonValue &v = parent[key];
        if (v.isNull()) return {};
        if (!v.isString()) {
            wrongType(path, v, QStringLiteral("a string"));
            return {};
        }
        return v.toString();
    }

    template <typename K, typename P>
    std::optional<bool> boolean(const JsonValue &parent, const K &key, const P &path) {
        const JsonValue &v = parent[key];
        if (v.isNull()) return std::nullopt;
        if (!v.isBool()) {
            wrongType(path, v, QStringLiteral("true or false"));
            return std::nullopt;
        }
        return v.toBool();
    }

    // Keys whose wrong type is a warning, read as not stated (engine.md §5.4, §5.6, §11.6): whether `v`
    // is stated and of the expected kind, warning when it is stated otherwise.
    template <typename P>
    bool lenientStated(const JsonValue &v, bool expectedKind, const P &path, const char *what) {
        if (v.isNull()) return false;
        if (expectedKind) return true;
        warning(QString(path),
                QStringLiteral("should be %1, not %2; read as not stated")
                    .arg(QLatin1StringView(what),
                         v.isString() ? u'"' + excerpt(v.toString(), 40) + u'"' : v.typeName()));
        return false;
    }
    template <typename K, typename P>
    std::optional<bool> lenientBoolean(const JsonValue &parent, const K &key, const P &path) {
        const JsonValue &v = parent[key];
        if (!lenientStated(v, v.isBool(), path, "true or false")) return std::nullopt;
        return v.toBool();
    }
    template <typename K, typename P>
    OptDouble lenientNumber(const JsonValue &parent, const K &key, const P &path) {
        const JsonValue &v = parent[key];
        if (!lenientStated(v, v.isNumber() && std::isfinite(v.toDouble()), path, "a number"))
            return std::nullopt;
        return v.toDouble();
    }

    // An array of strings; with `allowSingle`, a lone string counts as a one-element list.
    template <typename K, typename P>
    QStringList strings(const JsonValue &parent, const K &key, const P &path, bool allowSingle = false) {
        const JsonValue &v = parent[key];
        QStringList out;
        if (v.isNull()) return out;
        if (allowSingle && v.isString()) return {v.toString()};
        if (!v.isArray()) {
            wrongType(path, v,
                      allowSingle ? QStringLiteral("a string or an array of strings")
                                  : QStringLiteral("an array of strings"));
            return out;
        }
        int i = 0;
        for (const auto &item : v.arrayItems()) {
            if (item.isString())
                out << item.toString();
            else
                wrongType(index(QString(path), i), item, QStringLiteral("a string"));
            ++i;
        }
        return out;
    }

    template <typename K, typename P>
    AmountOrPercent amountOrPercent(const JsonValue &parent, const K &key, const P &path) {
        AmountOrPercent out;
        const JsonValue &v = parent[key];
        if (v.isNull()) return out;
        if (v.isNumber()) {
            if (auto n = numberValue(v, path)) {
                if (*n < 0) {
                    error(QString(path), QStringLiteral("must not be negative (found %1)").arg(*n));
                    return out;
                }
                out.stated = true;
                out.value = *n;
            }
            return out;
        }
        if (v.isString()) {
            if (const auto percent = scanPercent(v.toString())) { // "2%", " 1.5 % "
                out.stated = true;
                out.percent = true;
                out.value = *percent;
                return out;
            }
            error(QString(path),
                  QStringLiteral("must be an amount or a percentage such as \"2%\", not \"%1\"")
                      .arg(excerpt(v.toString(), 40)));
            return out;
        }
        wrongType(path, v, QStringLiteral("an amount or a percentage"));
        return out;
    }

    template <typename K, typename P>
    PhysicalDeductible physical(const JsonValue &parent, const K &key, const P &path) {
        PhysicalDeductible out;
        const JsonValue &v = parent[key];
        if (v.isNull()) return out;
        if (v.isString() && v.toString().trimmed().compare(u"none", Qt::CaseInsensitive) == 0) {
            out.stated = true;
            out.none = true;
            return out;
        }
        if (v.isNumber()) {
            if (auto n = numberValue(v, path)) {
                if (*n < 0) {
                    error(QString(path), QStringLiteral("must not be negative (found %1)").arg(*n));
                    return out;
                }
                out.stated = true;
                out.amount = *n;
            }
            return out;
        }
        error(QString(path), QStringLiteral("must be an amount or \"none\", not %1")
                                 .arg(v.isString() ? u'"' + excerpt(v.toString(), 40) + u'"' : v.typeName()));
        return out;
    }

    // The member `key` of `obj`, whose own path is `base`: the key is written once.
    QString stringAt(const JsonValue &obj, const QString &base, const char *key) {
        return string(obj, QLatin1StringView(key), join(base, QLatin1StringView(key)));
    }
    OptDouble numberAt(const JsonValue &obj, const QString &base, const char *key) {
        return number(obj, QLatin1StringView(key), join(base, QLatin1StringView(key)));
    }
    OptDouble moneyAt(const JsonValue &obj, const QString &base, const char *key) {
        return money(obj, QLatin1StringView(key), join(base, QLatin1StringView(key)));
    }
    std::optional<bool> booleanAt(const JsonValue &obj, const QString &base, const char *key) {
        return boolean(obj, QLatin1StringView(key), join(base, QLatin1StringView(key)));
    }

private:
    Problems *m_problems;
};

// `keys[0]` holds a number or a split string whose parts go to `targets` in order, unless the key of
// that part is stated beside it. Lists, not containers: a case reads this for every auto offering.
void readSplitOrNumber(Reader &r, const JsonValue &obj, const QString &path,
                       std::initializer_list<OptDouble *> targetList,
                       std::initializer_list<QLatin1StringView> keyList) {
    OptDouble *const *targets = targetList.begin();
    const QLatin1StringView *targetKeys = keyList.begin();
    const QLatin1StringView key = targetKeys[0];
    const JsonValue &v = obj[key];
    if (v.isString()) {
        const auto parts = parseSplitLimit(v.toString());
        if (parts.empty()) {
            r.error(QString(join(path, key)),
                    QStringLiteral("must be a number or a split limit such as \"100/300/100\", "
                                   "not \"%1\"")
                        .arg(excerpt(v.toString(), 40)));
            return;
        }
        for (size_t i = 0; i < parts.size() && i < targetList.size(); ++i) {
            // Keys stated beside a split string win over its parts.
            if (i > 0 && !obj[targetKeys[i]].isNull()) continue;
            *targets[i] = parts[i];
        }
        return;
    }
    *targets[0] = r.money(obj, key, join(path, key));
}

CoverageDetail readCoverage(Reader &r, const JsonValue &obj, const QString &path) {
    CoverageDetail c;
    auto m = [&](const char *key) { return r.moneyAt(obj, path, key); };
    c.dwellingLimit = m("dwelling_limit");
    c.otherStructuresLimit = m("other_structures_limit");
    c.personalPropertyLimit = m("personal_property_limit");
    c.lossOfUseLimit = m("loss_of_use_limit");
    c.liabilityLimit = m("liability_limit");
    c.medicalPaymentsLimit = m("medical_payments_limit");
    c.deductible =
        r.amountOrPercent(obj, QStringLiteral("deductible"), join(path, QStringLiteral("deductible")));
    c.windHailDeductible = r.amountOrPercent(obj, QStringLiteral("wind_hail_deductible"),
                                             join(path, QStringLiteral("wind_hail_deductible")));
    const QString settlement = r.stringAt(obj, path, "settlement");
    if (!settlement.isEmpty()) {
        bool found = false;
        const QString stated = settlement.trimmed().toLower(); // once, not once per settlement
        for (auto s : {Settlement::ActualCashValue, Settlement::ReplacementCost,
                       Settlement::ExtendedReplacementCost, Settlement::GuaranteedReplacementCost}) {
            if (settlementName(s) == stated) {
                c.settlement = s;
                found = true;
            }
        }
        if (!found)
            r.error(join(path, QStringLiteral("settlement")),
                    QStringLiteral("unknown settlement \"%1\" (expected actual_cash_value, replacement_cost, "
                                   "extended_replacement_cost or guaranteed_replacement_cost)")
                        .arg(excerpt(settlement, 40)));
    }
    c.extendedReplacementPct = m("extended_replacement_pct");
    c.waterBackupLimit = m("water_backup_limit");
    c.floodLimit = m("flood_limit");

    c.biPerAccident = m("bi_per_accident");
    c.pdPerAccident = m("pd_per_accident");
    readSplitOrNumber(r, obj, path, {&c.biPerPerson, &c.biPerAccident, &c.pdPerAccident},
                      {QLatin1StringView("bi_per_person"), QLatin1StringView("bi_per_accident"),
                       QLatin1StringView("pd_per_accident")});
    c.limitCombinedSingle = m("limit_combined_single");
    c.umPerAccident = m("um_per_accident");
    readSplitOrNumber(r, obj, path, {&c.umPerPerson, &c.umPerAccident},
                      {QLatin1StringView("um_per_person"), QLatin1StringView("um_per_accident")});
    c.medicalPayments = m("medical_payments");
    c.pip = m("pip");
    c.comprehensiveDeductible = r.physical(obj, QStringLiteral("comprehensive_deductible"),
                                           join(path, QStringLiteral("comprehensive_deductible")));
    c.collisionDeductible = r.physical(obj, QStringLiteral("collision_deductible"),
                                       join(path, QStringLiteral("collision_deductible")));
    c.deductibleDefault = m("deductible_default");

    c.umbrellaLimit = m("umbrella_limit");
    c.retainedLimit = m("retained_limit");
    const PathJoin ruJoin = join(path, QLatin1StringView("required_underlying"));
    const JsonValue &ru = r.object(obj, QLatin1StringView("required_underlying"), ruJoin);
    if (ru.isObject()) {
        const QString ruPath = ruJoin; // its path text only for an umbrella that states a requirement
        RequiredUnderlying req;
        auto rm = [&](const char *key) { return r.moneyAt(ru, ruPath, key); };
        req.autoBiPerPerson = rm("auto_bi_per_person");
        req.autoBiPerAccident = rm("auto_bi_per_accident");
        req.autoCsl = rm("auto_csl");
        req.homeLiability = rm("home_liability");
        c.requiredUnderlying = req;
    }
    c.productName = r.stringAt(obj, path, "product_name");
    c.carrier = r.stringAt(obj, path, "carrier");
    c.policyNumber = r.stringAt(obj, path, "policy_number");
    c.expirationDate = r.stringAt(obj, path, "expiration_date");
    c.annualPremium = m("annual_premium");
    return c;
}

CoverageLines readLines(Reader &r, const JsonValue &obj, const QString &path) {
    CoverageLines lines;
    for (const auto &[key, v] : obj.objectMembers()) {
        // Line keys come from the file: escaped so that a hostile key cannot break a report line.
        const QString p = join(path, excerpt(key, key.size()));
        if (v.isNull()) continue;
        if (!v.isObject()) {
            r.wrongType(p, v, QStringLiteral("an object"));
            continue;
        }
        lines[key] = readCoverage(r, v, p);
    }
    return lines;
}

Offering readOfferingImpl(Reader &r, const JsonValue &o, const QString &path) {
    Offering off;
    off.raw = o;
    auto s = [&](const char *key) { return r.stringAt(o, path, key); };
    off.id = s("id");
    off.providerId = s("provider_id");
    off.providerName = s("provider_name");
    off.category = s("category");
    off.qualityRating = s("quality_rating");
    off.qualityRatingAgency = s("quality_rating_agency");
    off.pricingTier = s("pricing_tier");
    off.commission = r.numberAt(o, path, "commission");
    const QString cp = join(path, QStringLiteral("constraints"));
    const JsonValue &c = r.object(o, QStringLiteral("constraints"), cp);
    off.constraints.excludedStates =
        r.strings(c, QStringLiteral("excluded_states"), join(cp, QStringLiteral("excluded_states")));
    off.constraints.prohibitedNaics =
        r.strings(c, QStringLiteral("prohibited_naics"), join(cp, QStringLiteral("prohibited_naics")));
    off.constraints.avoidedNaics =
        r.strings(c, QStringLiteral("avoided_naics"), join(cp, QStringLiteral("avoided_naics")));
    const QString covPath = join(path, QStringLiteral("coverage"));
    off.coverage = readCoverage(r, r.object(o, QStringLiteral("coverage"), covPath), covPath);
    const QString ap = join(path, QStringLiteral("attributes"));
    const JsonValue &a = r.object(o, QStringLiteral("attributes"), ap);
    auto as = [&](const char *key) { return r.stringAt(a, ap, key); };
    auto an = [&](const char *key) { return r.numberAt(a, ap, key); };
    auto am = [&](const char *key) { return r.moneyAt(a, ap, key); };
    off.attributes.quoteId = as("quote_id");
    off.attributes.packageId = as("package_id");
    off.attributes.quoteGeneratedAt = as("quote_generated_at");
    off.attributes.quoteExpiresAt = as("quote_expires_at");
    off.attributes.rateType = as("rate_type");
    off.attributes.linePremiumAnnual = am("line_premium_annual");
    off.attributes.linePremium = am("line_premium");
    off.attributes.termMonths = an("term_months");
    off.attributes.packagePremiumAnnual = am("package_premium_annual");
    off.attributes.quotedVehicleCount = an("quoted_vehicle_count");
    off.attributes.serviceRating =
        r.lenientNumber(a, QStringLiteral("service_rating"), join(ap, QStringLiteral("service_rating")));
    off.attributes.bindable =
        r.lenientBoolean(a, QStringLiteral("bindable"), join(ap, QStringLiteral("bindable")));
    return off;
}

} // namespace

CoverageDetail readCoverageDetail(const JsonValue &obj, const QString &path, Problems *problems) {
    Reader r(problems);
    return readCoverage(r, obj, path);
}

Offering readOffering(const JsonValue &obj, const QString &path, Problems *problems) {
    Reader r(problems);
    return readOfferingImpl(r, obj, path);
}

Case readCase(const JsonValue &root, Problems *problems, bool readOfferings) {
    Reader r(problems);
    Case cs;
    // The reader takes the first of two members with one name, most JSON tools the last: the same file
    // would mean two prices. Every repeated member is one error at its path, saying how often it is stated.
    JsonValue checked = root;
    if (!readOfferings && checked.isObject()) checked.remove(u"offerings");
    forEachDuplicateMember(checked, [&](const QString &path, int times) {
        r.error(path, QStringLiteral("this member is stated %1 in one object; JSON tools disagree on "
                                     "which one counts, so keep one")
                          .arg(statedTimesText(times)));
    });
    if (!root.isObject()) {
        r.error(QString(),
                QStringLiteral("the file must hold a JSON object with \"input\" and \"offerings\", not %1")
                    .arg(root.typeName()));
        return cs;
    }
    const JsonValue &in = root[u"input"];
    if (in.isNull()) {
        r.error(QStringLiteral("input"), QStringLiteral("is missing: a case needs an \"input\" object"));
    } else if (!in.isObject()) {
        r.wrongType(QStringLiteral("input"), in, QStringLiteral("an object"));
    }
    const QString ip = QStringLiteral("input");
    CaseInput &c = cs.input;
    if (in.isObject()) {
        const JsonValue &addr = r.object(in, QStringLiteral("address"), join(ip, QStringLiteral("address")));
        auto as = [&](const char *k) {
            return r.string(addr, QLatin1StringView(k),
                            QString(join(ip, QStringLiteral("address."))) + QString::fromLatin1(k));
        };
        c.address.line1 = as("line1");
        c.address.city = as("city");
        c.address.state = as("state");
        c.address.zipCode = as("zip_code");

        const QString app = join(ip, QStringLiteral("applicant"));
        const JsonValue &a = r.object(in, QStringLiteral("applicant"), app);
        auto aps = [&](const char *k) { return r.stringAt(a, app, k); };
        c.applicant.firstName = aps("first_name");
        c.applicant.lastName = aps("last_name");
        c.applicant.dateOfBirth = aps("date_of_birth");
        c.applicant.maritalStatus = aps("marital_status");
        c.applicant.occupation = aps("occupation");
        c.applicant.netWorth = r.numberAt(a, app, "net_worth");
        c.applicant.cashReserve = r.numberAt(a, app, "cash_reserve");
        c.applicant.rentalProperties = r.numberAt(a, app, "rental_properties");
        c.applicant.naics = r.strings(a, QStringLiteral("naics"), join(app, QStringLiteral("naics")), true);
        c.naics = r.strings(in, QStringLiteral("naics"), join(ip, QStringLiteral("naics")), true);

        const JsonValue &drivers = in[u"drivers"];
        const QString dp = join(ip, QStringLiteral("drivers"));
        if (!drivers.isNull() && !drivers.isArray()) r.wrongType(dp, drivers, QStringLiteral("an array"));
        c.driversStated = drivers.isArray();
        for (int i = 0; i < drivers.size() && drivers.isArray(); ++i) {
            const QString p = index(dp, i);
            const JsonValue &d = drivers.at(i);
            if (!d.isObject()) {
                r.wrongType(p, d, QStringLiteral("an object"));
                continue;
            }
            Driver drv;
            drv.driverId = r.stringAt(d, p, "driver_id");
            drv.firstName = r.stringAt(d, p, "first_name");
            drv.lastName = r.stringAt(d, p, "last_name");
            drv.dateOfBirth = r.stringAt(d, p, "date_of_birth");
            drv.yearsLicensed = r.moneyAt(d, p, "years_licensed");
            drv.violations5yr = r.moneyAt(d, p, "violations_5yr");
            drv.accidents5yr = r.moneyAt(d, p, "accidents_5yr");
            c.drivers.push_back(drv);
        }

        const JsonValue &veh = in[u"vehicles"];
        if (veh.isArray())
            c.vehicles = double(veh.size());
        else
            c.vehicles = r.moneyAt(in, ip, "vehicles");
        const JsonValue &hh =
            r.object(in, QStringLiteral("household"), join(ip, QStringLiteral("household")));
        c.householdVehicles =
            r.money(hh, QStringLiteral("vehicles"), join(ip, QStringLiteral("household.vehicles")));
        const JsonValue &vd = in[u"vehicles_detail"];
        const QString vp = join(ip, QStringLiteral("vehicles_detail"));
        if (!vd.isNull() && !vd.isArray()) r.wrongType(vp, vd, QStringLiteral("an array"));
        c.vehiclesDetailStated = vd.isArray();
        for (int i = 0; i < vd.size() && vd.isArray(); ++i) {
            const QString p = index(vp, i);
            const JsonValue &v = vd.at(i);
            if (!v.isObject()) {
                r.wrongType(p, v, QStringLiteral("an object"));
                c.vehiclesDetail.push_back({});
                continue;
            }
            Vehicle vh;
            vh.year = r.numberAt(v, p, "year");
            vh.make = r.stringAt(v, p, "make");
            vh.model = r.stringAt(v, p, "model");
            vh.vin = r.stringAt(v, p, "vin");
            vh.garagingZip = r.stringAt(v, p, "garaging_zip");
            vh.primaryDriverId = r.stringAt(v, p, "primary_driver_id");
            c.vehiclesDetail.push_back(vh);
        }

        const QString rp = join(ip, QStringLiteral("residence"));
        const JsonValue &res = r.object(in, QStringLiteral("residence"), rp);
        c.residence.construction = r.stringAt(res, rp, "construction");
        c.residence.floodZone = r.stringAt(res, rp, "flood_zone");
        c.residence.floodZoneStated = res[u"flood_zone"].isString();
        c.residence.squareFeet = r.moneyAt(res, rp, "square_feet");
        c.residence.yearBuilt = r.numberAt(res, rp, "year_built");
        c.residence.roofYear = r.numberAt(res, rp, "roof_year");
        c.residence.replacementCost = r.moneyAt(res, rp, "replacement_cost");
        c.residence.rentalUnits = r.moneyAt(res, rp, "rental_units");
        c.residence.pool = r.booleanAt(res, rp, "pool");
        c.residence.trampoline = r.booleanAt(res, rp, "trampoline");

        const QString ccp = join(ip, QStringLiteral("current_coverage"));
        const JsonValue &ccv = r.object(in, QStringLiteral("current_coverage"), ccp);
        c.currentCoverageStated = ccv.isObject();
        c.currentCoverage = readLines(r, ccv, ccp);
        // A current_portfolio that is not an object is ignored, not an error: current_coverage is then
        // the source (engine.md §9).
        const QString cpp = join(ip, QStringLiteral("current_portfolio"));
        const JsonValue &cpv = in[u"current_portfolio"];
        c.currentPortfolioIsObject = cpv.isObject();
        if (c.currentPortfolioIsObject)
            c.currentPortfolio = readLines(r, cpv, cpp);
        else if (!cpv.isNull())
            r.warning(cpp, QStringLiteral("is %1, not an object; it is ignored and current_coverage is read "
                                          "instead")
                               .arg(cpv.typeName()));

        const QString hp = join(ip, QStringLiteral("insurance_history"));
        const JsonValue &h = r.object(in, QStringLiteral("insurance_history"), hp);
        c.history.continuousCoverageYears = r.moneyAt(h, hp, "continuous_coverage_years");
        auto objectArray = [&](const QString &key, auto &&each) {
            const JsonValue &arr = h[key];
            const QString p = join(hp, key);
            if (arr.isNull()) return;
            if (!arr.isArray()) {
                r.wrongType(p, arr, QStringLiteral("an array"));
                return;
            }
            for (int i = 0; i < arr.size(); ++i) {
                const JsonValue &item = arr.at(i);
                if (!item.isObject()) {
                    r.wrongType(index(p, i), item, QStringLiteral("an object"));
                    continue;
                }
                each(item, index(p, i));
            }
        };
        c.lapsesStated = h[u"lapses"].isArray();
        objectArray(QStringLiteral("lapses"), [&](const JsonValue &item, const QString &p) {
            c.history.lapses.push_back({r.stringAt(item, p, "start"), r.stringAt(item, p, "end"),
                                        item[u"start"].isString(), item[u"end"].isString()});
        });
        objectArray(QStringLiteral("non_renewals"), [&](const JsonValue &item, const QString &p) {
            c.history.nonRenewals.push_back(
                {r.stringAt(item, p, "carrier"), r.stringAt(item, p, "line"), r.stringAt(item, p, "date")});
        });
        objectArray(QStringLiteral("claims"),
                    [&](const JsonValue &, const QString &) { ++c.history.claimCount; });

        c.coverageTypes =
            r.strings(in, QStringLiteral("coverage_types"), join(ip, QStringLiteral("coverage_types")));
        const JsonValue &ct = in[u"coverage_types"];
        c.coverageTypesWellTyped =
            ct.isNull() || (ct.isArray() && std::all_of(ct.arrayItems().begin(), ct.arrayItems().end(),
                                                        [](const JsonValue &t) { return t.isString(); }));
        c.appetiteBucket = r.stringAt(in, ip, "appetite_bucket");
        const QString rcp = join(ip, QStringLiteral("request_config"));
        const JsonValue &rc = r.object(in, QStringLiteral("request_config"), rcp);
        c.requestConfig.quoteMatching = r.booleanAt(rc, rcp, "quote_matching");
        c.requestConfig.coverageAnalysis = r.booleanAt(rc, rcp, "coverage_analysis");
        c.premium = r.moneyAt(in, ip, "premium");
    }

    if (!readOfferings) return cs;
    const JsonValue &offs = root[u"offerings"];
    if (!offs.isNull() && !offs.isArray())
        r.wrongType(QStringLiteral("offerings"), offs, QStringLiteral("an array"));
    for (int i = 0; i < offs.size() && offs.isArray(); ++i) {
        const QString p = index(QStringLiteral("offerings"), i);
        const JsonValue &o = offs.at(i);
        if (!o.isObject()) {
            r.wrongType(p, o, QStringLiteral("an object"));
            continue;
        }
        cs.offerings.push_back(readOfferingImpl(r, o, p));
        cs.offerings.back().sourceIndex = i;
    }
    return cs;
}

} // namespace pw
