// SPDX-License-Identifier: MIT
#include "jsonpath.h"

#include "io/problem.h"

#include <QSet>

namespace pw {

std::vector<JsonPathSegment> parseJsonPath(const QString &path) {
    std::vector<JsonPathSegment> out;
    int i = 0;
    const int n = int(path.size());
    while (i < n) {
        if (path[i] == u'[') {
            const int close = int(path.indexOf(u']', i));
            if (close < 0) return {};
            bool ok = false;
            const int idx = path.mid(i + 1, close - i - 1).toInt(&ok);
            if (!ok || idx < 0) return {};
            out.push_back({QString(), idx});
            i = close + 1;
            if (i < n && path[i] == u'.') ++i;
            continue;
        }
        int j = i;
        while (j < n && path[j] != u'.' && path[j] != u'[')
            ++j;
        if (j == i) return {};
        out.push_back({path.mid(i, j - i), -1});
        i = j;
        if (i < n && path[i] == u'.') ++i;
    }
    return out;
}

QString joinJsonPath(const std::vector<JsonPathSegment> &segments) {
    QString s;
    for (const auto &seg : segments) {
        if (seg.isIndex()) {
            s += QStringLiteral("[%1]").arg(seg.index);
        } else {
            if (!s.isEmpty()) s += u'.';
            s += seg.key;
        }
    }
    return s;
}

namespace {

const JsonValue *stepInto(const JsonValue *v, const JsonPathSegment &seg) {
    if (seg.isIndex()) {
        if (!v->isArray() || seg.index >= v->size()) return nullptr;
        return &v->arrayItems()[size_t(seg.index)];
    }
    return v->find(seg.key);
}

bool setIn(JsonValue &node, const std::vector<JsonPathSegment> &segs, size_t at, const JsonValue &value) {
    const JsonPathSegment &seg = segs[at];
    const bool last = at + 1 == segs.size();
    if (seg.isIndex()) {
        if (node.isNull()) node = JsonValue::array();
        if (!node.isArray()) return false;
        auto &items = node.arrayItemsMut();
        while (int(items.size()) <= seg.index)
            items.emplace_back();
        if (last) {
            items[size_t(seg.index)] = value;
            return true;
        }
        return setIn(items[size_t(seg.index)], segs, at + 1, value);
    }
    if (node.isNull()) node = JsonValue::object();
    if (!node.isObject()) return false;
    if (last) {
        node.insert(seg.key, value);
        return true;
    }
    for (auto &m : node.objectMembersMut())
        if (m.first == seg.key) return setIn(m.second, segs, at + 1, value);
    JsonValue child;
    if (!setIn(child, segs, at + 1, value)) return false;
    node.insert(seg.key, child);
    return true;
}

bool removeIn(JsonValue &node, const std::vector<JsonPathSegment> &segs, size_t at) {
    const JsonPathSegment &seg = segs[at];
    const bool last = at + 1 == segs.size();
    if (seg.isIndex()) {
        if (!node.isArray() || seg.index >= node.size()) return false;
        auto &items = node.arrayItemsMut();
        if (last) {
            items.erase(items.begin() + seg.index);
            return true;
        }
        return removeIn(items[size_t(seg.index)], segs, at + 1);
    }
    if (!node.isObject() || !node.contains(seg.key)) return false;
    if (last) return node.remove(seg.key);
    for (auto &m : node.objectMembersMut())
        if (m.first == seg.key) return removeIn(m.second, segs, at + 1);
    return false;
}

} // namespace

JsonValue jsonValueAt(const JsonValue &root, const QString &path) {
    const auto segs = parseJsonPath(path);
    if (segs.empty()) return path.isEmpty() ? root : JsonValue();
    const JsonValue *v = &root;
    for (const auto &seg : segs) {
        v = stepInto(v, seg);
        if (!v) return {};
    }
    return *v;
}

bool jsonPathExists(const JsonValue &root, const QString &path) {
    const auto segs = parseJsonPath(path);
    if (segs.empty()) return false;
    const JsonValue *v = &root;
    for (const auto &seg : segs) {
        v = stepInto(v, seg);
        if (!v) return false;
    }
    return true;
}

bool setJsonValueAt(JsonValue &root, const QString &path, const JsonValue &value) {
    const auto segs = parseJsonPath(path);
    if (segs.empty()) return false;
    return setIn(root, segs, 0, value);
}

bool removeJsonValueAt(JsonValue &root, const QString &path) {
    const auto segs = parseJsonPath(path);
    if (segs.empty()) return false;
    return removeIn(root, segs, 0);
}

namespace {

// A step of the walk's path: the member name is borrowed from the tree (no copy, no reference count
// taken per member); -1 index for a name.
struct WalkStep {
    const QString *key;
    int index;
};

// The members of one object whose name an earlier member already has: for each such name once, the index
// of its second statement and how many times the object states it. Small objects (nearly all of a case)
// compare names directly; large ones count in a hash.
std::vector<std::pair<size_t, int>> repeatedNames(const JsonValue::Object &members) {
    std::vector<std::pair<size_t, int>> repeated;
    constexpr size_t kDirect = 16;
    if (members.size() > kDirect) {
        QHash<QString, int> times;
        times.reserve(qsizetype(members.size()));
        for (const auto &m : members)
            ++times[m.first];
        QSet<QString> seen;
        for (size_t i = 0; i < members.size(); ++i) {
            const QString &name = members[i].first;
            if (seen.contains(name)) continue;
            seen.insert(name);
            const int n = times.value(name);
            if (n < 2) continue;
            size_t second = i + 1;
            while (members[second].first != name)
                ++second;
            repeated.emplace_back(second, n);
        }
        std::sort(repeated.begin(), repeated.end());
        return repeated;
    }
    // Small objects: one bit per (length, first and last character) seen so far; equal names set the
    // same bit, so only a name whose bit is already set is compared with the names before it.
    quint64 seenShapes = 0;
    for (size_t i = 0; i < members.size(); ++i) {
        const QString &name = members[i].first;
        const size_t n = size_t(name.size());
        const size_t shape = n == 0 ? 0 : n * 7 + name.front().unicode() + 3 * name.back().unicode();
        const quint64 bit = quint64(1) << (shape & 63);
        const bool maybeSeen = (seenShapes & bit) != 0;
        seenShapes |= bit;
        if (!maybeSeen) continue;
        // The parser shares one text among equal names, so most equal names are found by their data;
        // names of another length are passed over without a call.
        auto same = [&](size_t k) {
            const QString &other = members[k].first;
            return other.size() == name.size() &&
                   (other.constData() == name.constData() || QStringView(other) == QStringView(name));
        };
        int before = 0;
        for (size_t k = 0; k < i && before < 2; ++k)
            before += same(k) ? 1 : 0;
        if (before != 1) continue; // not repeated, or its second statement was counted already
        int times = 2;
        for (size_t k = i + 1; k < members.size(); ++k)
            times += same(k) ? 1 : 0;
        repeated.emplace_back(i, times);
    }
    return repeated;
}

// Walks the tree keeping the path as borrowed steps; the text of a path is built only for a duplicate.
// `found` keeps each path once (with the most statements seen): two statements of one object that both
// repeat a member inside would otherwise name that inner path twice.
void walkDuplicates(const JsonValue &v, std::vector<WalkStep> &path,
                    std::vector<std::pair<QString, int>> &found) {
    if (v.isArray()) {
        const auto &items = v.arrayItems();
        for (size_t i = 0; i < items.size(); ++i) {
            if (!items[i].isArray() && !items[i].isObject()) continue;
            path.push_back({nullptr, int(i)});
            walkDuplicates(items[i], path, found);
            path.pop_back();
        }
        return;
    }
    if (!v.isObject()) return;
    const auto &members = v.objectMembers();
    const std::vector<std::pair<size_t, int>> repeated = repeatedNames(members);
    size_t next = 0; // into `repeated`, in member order
    for (size_t i = 0; i < members.size(); ++i) {
        const bool duplicate = next < repeated.size() && repeated[next].first == i;
        const bool nested = members[i].second.isArray() || members[i].second.isObject();
        if (!duplicate && !nested) continue;
        path.push_back({&members[i].first, -1});
        if (duplicate) {
            // Only a reported path is shortened and escaped, so the walk over a whole case does no text
            // work for the names that are fine.
            std::vector<JsonPathSegment> shown;
            shown.reserve(path.size());
            for (const WalkStep &step : path)
                shown.push_back(step.key ? JsonPathSegment{excerpt(*step.key, 80), -1}
                                         : JsonPathSegment{QString(), step.index});
            QString text = joinJsonPath(shown);
            const int times = repeated[next].second;
            ++next;
            const auto it =
                std::find_if(found.begin(), found.end(), [&](const auto &f) { return f.first == text; });
            if (it == found.end())
                found.emplace_back(std::move(text), times);
            else
                it->second = std::max(it->second, times);
        }
        if (nested) walkDuplicates(members[i].second, path, found);
        path.pop_back();
    }
}

} // namespace

void forEachDuplicateMember(const JsonValue &root,
                            const std::function<void(const QString &path, int times)> &report) {
    std::vector<WalkStep> path;
    std::vector<std::pair<QString, int>> found;
    walkDuplicates(root, path, found);
    for (const auto &[text, times] : found)
        report(text, times);
}

QString statedTimesText(int times) {
    return times == 2 ? QStringLiteral("twice") : QStringLiteral("%1 times").arg(times);
}

} // namespace pw
