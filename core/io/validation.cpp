// SPDX-License-Identifier: MIT
#include "validation.h"

#include "engine/grades.h"
#include "engine/profile.h"
#include "engine/routing.h"
#include "io/casereader.h"
#include "util/dates.h"
#include "util/numbers.h"
#include "util/usdata.h"

#include <QSet>

#include <algorithm>
#include <cmath>

namespace pw {

namespace {

// A driver cannot have held a licence for longer than their age minus this (the youngest learner
// permits in the US are issued at 14).
constexpr int kMinimumLicensingAge = 14;
// An age over this is almost always a mistyped year (1901 for 1991): a warning, not an error.
constexpr int kOldestPlausibleAge = 100;

class Validator {
public:
    Validator(const Case &cs, const QDateTime &now, const EngineProfile &profile)
        : m_case(cs)
        , m_now(now)
        , m_profile(profile) {}

    Problems run() {
        const CaseInput &in = m_case.input;
        const Routing routing = routeCase(in);
        checkState(in, routing);
        checkCoverageTypes(in, routing);
        checkBucket(in);
        checkPeople(in);
        checkVehicles(in);
        // `{}` is a source with nothing in force (engine.md §9, §11.6).
        if (routing.gapAnalysis && !in.currentPortfolioIsObject && !in.currentCoverageStated)
            error(QStringLiteral("input.current_coverage"),
                  QStringLiteral(
                      "gap analysis needs the current coverage (current_portfolio or current_coverage)"));
        checkLapses(in);
        if (routing.quoteMatching) {
            if (m_case.offerings.empty())
                error(QStringLiteral("offerings"),
                      QStringLiteral("quote matching needs at least one offering"));
            checkOfferings(in);
        }
        return m_problems;
    }

private:
    const Case &m_case;
    QDateTime m_now;
    const EngineProfile &m_profile;
    Problems m_problems;

    void error(const QString &path, const QString &msg) {
        m_problems.push_back({Problem::Severity::Error, path, msg});
    }
    void warning(const QString &path, const QString &msg) {
        m_problems.push_back({Problem::Severity::Warning, path, msg});
    }

    void checkState(const CaseInput &in, const Routing &routing) {
        const QString path = QStringLiteral("input.address.state");
        const QString st = in.address.state.trimmed();
        if (st.isEmpty()) {
            if (routing.quoteMatching)
                error(path, QStringLiteral(
                                "the state is missing; quote matching needs it to check excluded states"));
            return;
        }
        if (!isUsStateCode(st.toUpper())) {
            if (routing.quoteMatching)
                error(path, QStringLiteral("\"%1\" is not a US state or DC code").arg(excerpt(st, 40)));
            else
                warning(path, QStringLiteral("\"%1\" is not a US state or DC code").arg(excerpt(st, 40)));
            return;
        }
        if (st != st.toUpper())
            warning(
                path,
                QStringLiteral("state \"%1\" is written in lower case; read as %2").arg(st, st.toUpper()));
        const QString zip = in.address.zipCode.trimmed();
        if (!zip.isEmpty()) {
            const QString zs = stateForZip(zip);
            if (zs.isEmpty())
                warning(QStringLiteral("input.address.zip_code"),
                        QStringLiteral("ZIP code \"%1\" is not a known US ZIP code").arg(excerpt(zip, 20)));
            else if (zs != st.toUpper())
                warning(QStringLiteral("input.address.zip_code"),
                        QStringLiteral("ZIP code %1 belongs to %2, not %3")
                            .arg(excerpt(zip, 20), zs, st.toUpper()));
        }
    }

    // Quote matching needs valid coverage types; a gap-only run proceeds without them, with no line
    // counted as requested (engine.md §11.6), so there they are warnings.
    void checkCoverageTypes(const CaseInput &in, const Routing &routing) {
        const QString path = QStringLiteral("input.coverage_types");
        const auto report = [&](const QString &p, const QString &msg) {
            if (routing.quoteMatching)
                error(p, msg);
            else
                warning(p, msg + QStringLiteral("; gap analysis counts no line as requested"));
        };
        if (in.coverageTypes.isEmpty()) {
            if (routing.quoteMatching)
                error(path, QStringLiteral(
                                "no coverage types requested; list at least one of home, auto, umbrella"));
            return;
        }
        QSet<QString> seen;
        for (int i = 0; i < in.coverageTypes.size(); ++i) {
            const QString &t = in.coverageTypes[i];
            const QString p = path + QStringLiteral("[%1]").arg(i);
            if (!lineFromName(t))
                report(p, QStringLiteral("unknown coverage type \"%1\" (expected home, auto or umbrella)")
                              .arg(excerpt(t, 40)));
            else if (seen.contains(t))
                report(p, QStringLiteral("coverage type \"%1\" is listed twice").arg(t));
            seen.insert(t);
        }
    }

    void checkBucket(const CaseInput &in) {
        if (in.appetiteBucket.isEmpty()) return;
        if (!m_profile.hasBucket(in.appetiteBucket))
            error(QStringLiteral("input.appetite_bucket"),
                  QStringLiteral("unknown appetite bucket \"%1\" (expected %2)")
                      .arg(excerpt(in.appetiteBucket, 40), m_profile.bucketOrder.join(QStringLiteral(", "))));
    }

    void checkBirth(const QString &dob, const QString &path, std::optional<QDate> *out = nullptr) {
        if (dob.isEmpty()) return;
        const auto d = parseDate(dob);
        if (!d) {
            warning(path, QStringLiteral("\"%1\" is not a date (expected YYYY-MM-DD)").arg(excerpt(dob, 40)));
            return;
        }
        if (*d > m_now.date())
            error(path, QStringLiteral("date of birth %1 is in the future").arg(d->toString(Qt::ISODate)));
        else if (const int age = ageOn(*d, m_now.date()); age > kOldestPlausibleAge)
            warning(path, QStringLiteral("date of birth %1 makes the person %2 years old: check the date")
                              .arg(d->toString(Qt::ISODate))
                              .arg(age));
        if (out) *out = d;
    }

    void checkPeople(const CaseInput &in) {
        checkBirth(in.applicant.dateOfBirth, QStringLiteral("input.applicant.date_of_birth"));
        for (size_t i = 0; i < in.drivers.size(); ++i) {
            const Driver &d = in.drivers[i];
            const QString p = QStringLiteral("input.drivers[%1]").arg(i);
            std::optional<QDate> dob;
            checkBirth(d.dateOfBirth, p + QStringLiteral(".date_of_birth"), &dob);
            if (dob && d.yearsLicensed && *dob <= m_now.date()) {
                const int age = ageOn(*dob, m_now.date());
                if (*d.yearsLicensed > age - kMinimumLicensingAge)
                    warning(p + QStringLiteral(".years_licensed"),
                            QStringLiteral("%1 years licensed is more than a driver aged %2 can have")
                                .arg(formatNumber(*d.yearsLicensed))
                                .arg(age));
            }
        }
    }

    void checkVehicles(const CaseInput &in) {
        const OptDouble count = in.vehicles ? in.vehicles : in.householdVehicles;
        if (count && in.vehiclesDetailStated && *count != double(in.vehiclesDetail.size()))
            warning(in.vehicles ? QStringLiteral("input.vehicles")
                                : QStringLiteral("input.household.vehicles"),
                    QStringLiteral("the household has %1 vehicles but vehicles_detail lists %2")
                        .arg(formatNumber(*count))
                        .arg(in.vehiclesDetail.size()));
        for (size_t i = 0; i < in.vehiclesDetail.size(); ++i) {
            const Vehicle &v = in.vehiclesDetail[i];
            const QString p = QStringLiteral("input.vehicles_detail[%1]").arg(i);
            if (!v.vin.isEmpty()) {
                if (!vinWellFormed(v.vin))
                    warning(
                        p + QStringLiteral(".vin"),
                        QStringLiteral("VIN \"%1\" is not 17 valid characters (I, O and Q are never used)")
                            .arg(excerpt(v.vin, 40)));
                else if (!vinCheckDigitValid(v.vin))
                    warning(p + QStringLiteral(".vin"),
                            QStringLiteral(
                                "VIN %1 fails its check digit (ninth character); it is probably mistyped")
                                .arg(v.vin));
            }
            if (v.year &&
                (*v.year < 1900 || *v.year > m_now.date().year() + 2 || *v.year != std::floor(*v.year)))
                warning(
                    p + QStringLiteral(".year"),
                    QStringLiteral("model year %1 is not plausible").arg(QString::number(*v.year, 'g', 10)));
            if (!v.garagingZip.isEmpty() && stateForZip(v.garagingZip).isEmpty())
                warning(p + QStringLiteral(".garaging_zip"),
                        QStringLiteral("garaging ZIP \"%1\" is not a known US ZIP code")
                            .arg(excerpt(v.garagingZip, 20)));
        }
    }

    void checkLapses(const CaseInput &in) {
        for (size_t i = 0; i < in.history.lapses.size(); ++i) {
            const Lapse &l = in.history.lapses[i];
            const QString p = QStringLiteral("input.insurance_history.lapses[%1]").arg(i);
            if (l.startStated && !parseDate(l.start))
                warning(p + QStringLiteral(".start"),
                        QStringLiteral("\"%1\" is not a date").arg(excerpt(l.start, 40)));
            if (l.endStated && !parseDate(l.end))
                warning(p + QStringLiteral(".end"),
                        QStringLiteral("\"%1\" is not a date").arg(excerpt(l.end, 40)));
        }
        for (size_t i = 0; i < in.history.nonRenewals.size(); ++i) {
            const NonRenewal &n = in.history.nonRenewals[i];
            if (!n.date.isEmpty() && !parseDate(n.date))
                warning(QStringLiteral("input.insurance_history.non_renewals[%1].date").arg(i),
                        QStringLiteral("\"%1\" is not a date; the non-renewal counts as undated")
                            .arg(excerpt(n.date, 40)));
        }
    }

    // The path of an offering's member ("offerings[3].id"), built only for a finding: most offerings have
    // none, and formatting every offering's path was a tenth of validating a typical case.
    static QString offeringPath(const Offering &o, QStringView member) {
        return QStringLiteral("offerings[") + QString::number(o.sourceIndex) + u']' + member;
    }

    void checkOfferings(const CaseInput &in) {
        QSet<QString> requested;
        for (const auto &t : in.coverageTypes)
            requested.insert(t);
        QSet<QString> ids;
        // Bundle groups keyed by carrier + package id: the first stated package price counts.
        std::map<std::pair<QString, QString>, double> packagePrice;
        for (const Offering &o : m_case.offerings) {
            const bool ignored = !requested.contains(o.category);
            if (o.raw[u"id"].isNull())
                error(offeringPath(o, QStringLiteral(".id")), QStringLiteral("the offering has no id"));
            else if (o.id.trimmed().isEmpty() && o.raw[u"id"].isString())
                error(offeringPath(o, QStringLiteral(".id")), QStringLiteral("the offering id is empty"));
            else if (!o.id.isEmpty() && ids.contains(o.id))
                error(offeringPath(o, QStringLiteral(".id")),
                      QStringLiteral("duplicate offering id \"%1\"").arg(excerpt(o.id, 80)));
            ids.insert(o.id);
            if (o.raw[u"category"].isNull())
                error(offeringPath(o, QStringLiteral(".category")),
                      QStringLiteral("the offering has no category (home, auto or umbrella)"));
            if (o.providerId.isEmpty() && o.providerName.isEmpty() && o.raw[u"provider_id"].isNull() &&
                o.raw[u"provider_name"].isNull())
                error(offeringPath(o, QStringLiteral(".provider_id")),
                      QStringLiteral("the offering names no carrier (provider_id or provider_name)"));
            if (o.commission && (*o.commission < 0 || *o.commission > 1))
                error(offeringPath(o, QStringLiteral(".commission")),
                      QStringLiteral("commission %1 is outside 0–1 (write 13% as 0.13)").arg(*o.commission));
            const Grade g = normaliseGrade(o.qualityRating, o.qualityRatingAgency);
            if (!gradeEntry(m_profile, g))
                error(offeringPath(o, QStringLiteral(".quality_rating")),
                      QStringLiteral("unknown %1 financial-strength grade \"%2\"")
                          .arg(g.demotech ? QStringLiteral("Demotech") : QStringLiteral("AM Best"),
                               excerpt(o.qualityRating, 40)));
            if (!o.category.isEmpty() && ignored) {
                warning(offeringPath(o, QStringLiteral(".category")),
                        QStringLiteral("offering %1 is for %2, which was not requested; it will be ignored")
                            .arg(excerpt(o.id, 80), excerpt(o.category, 40)));
            }
            checkDates(o);
            // Ignored offerings are never members of a bundle group (engine.md §4).
            if (!ignored && o.attributes.packagePremiumAnnual && !o.attributes.packageId.isEmpty()) {
                const auto key = std::make_pair(o.carrierKey(), o.attributes.packageId);
                const auto it = packagePrice.find(key);
                if (it == packagePrice.end())
                    packagePrice[key] = *o.attributes.packagePremiumAnnual;
                else if (std::llround(it->second * 100) !=
                         std::llround(*o.attributes.packagePremiumAnnual * 100))
                    warning(
                        offeringPath(o, QStringLiteral(".attributes.package_premium_annual")),
                        QStringLiteral(
                            "package %1 is priced %2 here but %3 on an earlier offering; the first counts")
                            .arg(excerpt(o.attributes.packageId, 60),
                                 formatMoney(*o.attributes.packagePremiumAnnual), formatMoney(it->second)));
            }
            // term_months ≤ 0 is not an error: line_premium is then unusable and the offering is
            // filtered no_premium (engine.md §2, §11.6).
            const double maxRating = m_profile.serviceRatingMax;
            if (o.attributes.serviceRating &&
                (*o.attributes.serviceRating < 0 || *o.attributes.serviceRating > maxRating))
                warning(offeringPath(o, QStringLiteral(".attributes.service_rating")),
                        QStringLiteral("service rating %1 is outside 0–%2; read as %3")
                            .arg(QString::number(*o.attributes.serviceRating), QString::number(maxRating),
                                 QString::number(std::clamp(*o.attributes.serviceRating, 0.0, maxRating))));
        }
    }

    void checkDates(const Offering &o) {
        // Instants as milliseconds since the epoch; a date-time is built only for a finding.
        std::optional<qint64> generated, expires;
        const qint64 now = m_now.toMSecsSinceEpoch();
        if (!o.attributes.quoteGeneratedAt.isEmpty()) {
            generated = parseTimestampMs(o.attributes.quoteGeneratedAt);
            if (!generated)
                warning(offeringPath(o, QStringLiteral(".attributes.quote_generated_at")),
                        QStringLiteral("\"%1\" is not an RFC 3339 timestamp; read as not stated")
                            .arg(excerpt(o.attributes.quoteGeneratedAt, 40)));
        }
        if (!o.attributes.quoteExpiresAt.isEmpty()) {
            expires = parseTimestampMs(o.attributes.quoteExpiresAt);
            if (!expires)
                warning(offeringPath(o, QStringLiteral(".attributes.quote_expires_at")),
                        QStringLiteral("\"%1\" is not an RFC 3339 timestamp; read as not stated")
                            .arg(excerpt(o.attributes.quoteExpiresAt, 40)));
            else if (*expires < now)
                warning(offeringPath(o, QStringLiteral(".attributes.quote_expires_at")),
                        QStringLiteral("quote %1 expired %2%3")
                            .arg(excerpt(o.id, 80), formatTimestamp(utcFromMs(*expires)),
                                 generated && *expires < *generated
                                     ? QStringLiteral(", before it was generated (%1)")
                                           .arg(formatTimestamp(utcFromMs(*generated)))
                                     : QString()));
        }
        // One finding per quote: an expired quote already says when it was generated.
        if (generated && expires && *expires < *generated && !(*expires < now))
            warning(offeringPath(o, QStringLiteral(".attributes.quote_expires_at")),
                    QStringLiteral("the quote expires (%1) before it was generated (%2)")
                        .arg(formatTimestamp(utcFromMs(*expires)), formatTimestamp(utcFromMs(*generated))));
    }
};

} // namespace

QString normalisedState(const QString &state) {
    const QString s = state.trimmed().toUpper();
    return isUsStateCode(s) ? s : QString();
}

Problems validateTyped(const Case &cs, const QDateTime &now, const EngineProfile &profile) {
    return Validator(cs, now, profile).run();
}

ValidationResult validateCase(const JsonValue &root, const QDateTime &now, const EngineProfile &profile,
                              OfferingsRead offerings) {
    ValidationResult r;
    // The routing depends on the input only: read it alone first (it is small) to know whether the
    // offerings are needed.
    const bool withOfferings =
        offerings == OfferingsRead::Always || routeCase(readCase(root, nullptr, false).input).quoteMatching;
    r.parsed = readCase(root, &r.problems, withOfferings);
    if (!routeCase(r.parsed.input).quoteMatching) {
        // Gap-only runs do not read the offerings, so their problems do not count, and they proceed
        // without valid coverage types (engine.md §11.6).
        std::erase_if(r.problems,
                      [](const Problem &p) { return p.path.startsWith(QStringLiteral("offerings")); });
        for (Problem &p : r.problems)
            if (p.path.startsWith(QStringLiteral("input.coverage_types")))
                p.severity = Problem::Severity::Warning;
    }
    Problems more = validateTyped(r.parsed, now, profile);
    r.problems.insert(r.problems.end(), more.begin(), more.end());
    return r;
}

} // namespace pw
