// SPDX-License-Identifier: MIT
#include "casedocument.h"

#include "backgroundwork.h"
#include "engine/currentpremium.h"
#include "engine/profile.h"
#include "io/jsonpath.h"
#include "io/validation.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QUndoCommand>
#include <QUndoStack>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace pw {

namespace {

// Sets (or removes, when `after` is empty) the value at one JSON path; undo restores what was there.
class SetValueCommand : public QUndoCommand {
public:
    SetValueCommand(CaseDocument *doc, const QString &path, std::optional<JsonValue> after,
                    const QString &text)
        : m_doc(doc)
        , m_path(path)
        , m_after(std::move(after)) {
        if (jsonPathExists(doc->root(), path)) m_before = jsonValueAt(doc->root(), path);
        setText(text.isEmpty() ? QObject::tr("Edit %1").arg(path) : text);
    }
    void redo() override { m_doc->applyValue(m_path, m_after); }
    void undo() override { m_doc->applyValue(m_path, m_before); }

private:
    CaseDocument *m_doc;
    QString m_path;
    std::optional<JsonValue> m_before, m_after;
};

} // namespace

CaseDocument::CaseDocument(QObject *parent)
    : QObject(parent)
    , m_undo(new QUndoStack(this)) {
    connect(m_undo, &QUndoStack::cleanChanged, this, &CaseDocument::updateModified);
    m_validationTimer = new QTimer(this);
    m_validationTimer->setSingleShot(true);
    // Typing in a table commits a cell at a time: a burst of edits within this interval is checked once.
    m_validationTimer->setInterval(150);
    connect(m_validationTimer, &QTimer::timeout, this, &CaseDocument::startValidation);
    // No case yet (hasCase): the empty placeholder tree is not validated, so nothing about a case not yet
    // loaded is ever shown as its problems.
    m_root = JsonValue::object();
    m_validatedRoot = m_root;
}

CaseDocument::~CaseDocument() {
    releaseCase(); // closing a window with a large case does not stall the others
}

void CaseDocument::setFileName(const QString &fileName) {
    if (m_fileName == fileName) return;
    m_fileName = fileName;
    emit fileNameChanged(fileName);
}

bool CaseDocument::isModified() const {
    return !m_undo->isClean();
}

void CaseDocument::updateModified() {
    if (isModified() == m_modified) return;
    m_modified = isModified();
    emit modifiedChanged(m_modified);
}

template <typename Pred> bool CaseDocument::dropRefused(Pred matches) {
    std::vector<Refused> dropped;
    for (auto it = m_refused.begin(); it != m_refused.end();) {
        if (matches(*it)) {
            dropped.push_back(std::move(*it));
            it = m_refused.erase(it);
        } else {
            ++it;
        }
    }
    for (const Refused &r : dropped)
        emit refusedInputCleared(r.path, r.text);
    return !dropped.empty();
}

void CaseDocument::markSaved() {
    m_undo->setClean();
}

QDateTime CaseDocument::now() const {
    return m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
}

void CaseDocument::setNow(const QDateTime &now) {
    m_now = now;
    if (!m_hasCase) return; // the placeholder is not validated; a case loaded later uses this clock
    revalidate();
    emit edited(QString());
}

JsonValue CaseDocument::value(const QString &path) const {
    return jsonValueAt(m_root, path);
}

void CaseDocument::setValue(const QString &path, const JsonValue &value, const QString &text) {
    const bool exists = jsonPathExists(m_root, path);
    if (value.isNull()) {
        if (!exists) return;
        m_undo->push(new SetValueCommand(this, path, std::nullopt, text));
        return;
    }
    if (exists && jsonValueAt(m_root, path) == value) return;
    JsonValue probe = m_root;
    if (!setJsonValueAt(probe, path, value))
        return; // the path crosses a value of another kind; the form never offers that
    m_undo->push(new SetValueCommand(this, path, value, text));
}

void CaseDocument::appendItems(const QString &arrayPath, const JsonValue::Array &items, const QString &text) {
    JsonValue arr = value(arrayPath);
    if (!arr.isArray()) arr = JsonValue::array();
    for (const auto &i : items)
        arr.append(i);
    setValue(arrayPath, arr, text);
}

void CaseDocument::insertItem(const QString &arrayPath, int index, const JsonValue &item,
                              const QString &text) {
    JsonValue arr = value(arrayPath);
    if (!arr.isArray()) arr = JsonValue::array();
    auto &items = arr.arrayItemsMut();
    index = std::clamp(index, 0, int(items.size()));
    items.insert(items.begin() + index, item);
    setValue(arrayPath, arr, text);
}

void CaseDocument::removeItems(const QString &arrayPath, QList<int> indexes, const QString &text) {
    JsonValue arr = value(arrayPath);
    if (!arr.isArray() || indexes.isEmpty()) return;
    std::sort(indexes.begin(), indexes.end(), std::greater<>());
    indexes.erase(std::unique(indexes.begin(), indexes.end()), indexes.end());
    auto &items = arr.arrayItemsMut();
    for (int i : indexes)
        if (i >= 0 && i < int(items.size())) items.erase(items.begin() + i);
    setValue(arrayPath, arr, text);
}

QString uniqueCopyId(const QString &id, const QStringList &taken) {
    const QString base = (id.isEmpty() ? QStringLiteral("item") : id) + QStringLiteral("_copy");
    if (!taken.contains(base)) return base;
    for (int n = 2;; ++n) {
        const QString c = base + QString::number(n);
        if (!taken.contains(c)) return c;
    }
}

void CaseDocument::duplicateItems(const QString &arrayPath, QList<int> indexes, const QString &idKey,
                                  const QString &text) {
    JsonValue arr = value(arrayPath);
    if (!arr.isArray() || indexes.isEmpty()) return;
    std::sort(indexes.begin(), indexes.end());
    QStringList taken;
    for (const auto &i : arr.arrayItems())
        taken << i[idKey].toString();
    auto &items = arr.arrayItemsMut();
    int inserted = 0;
    for (int i : indexes) {
        const int at = i + inserted;
        if (at < 0 || at >= int(items.size())) continue;
        JsonValue copy = items[size_t(at)];
        if (!idKey.isEmpty() && copy.isObject() && copy.contains(idKey)) {
            const QString fresh = uniqueCopyId(copy[idKey].toString(), taken);
            taken << fresh;
            copy.insert(idKey, JsonValue(fresh));
        }
        items.insert(items.begin() + at + 1, copy);
        ++inserted;
    }
    setValue(arrayPath, arr, text);
}

void CaseDocument::setRefusedInput(const QString &path, const QString &text, const QString &message) {
    std::erase_if(m_refused, [&](const Refused &r) { return r.path == path; });
    m_refused.push_back({path, text, message});
    mergeProblems();
    emit refusedInputChanged(path);
}

void CaseDocument::clearRefusedInput(const QString &path) {
    if (!dropRefused([&](const Refused &r) { return r.path == path; })) return;
    mergeProblems();
    emit refusedInputChanged(path);
}

std::optional<QString> CaseDocument::refusedText(const QString &path) const {
    for (const Refused &r : m_refused)
        if (r.path == path) return r.text;
    return std::nullopt;
}

void CaseDocument::load(const JsonValue &root, const QString &fileName) {
    m_hasCase = true;
    dropRefused([](const Refused &) { return true; });
    releaseCase();
    m_root = root.isObject() ? root : JsonValue::object();
    // Checked at once whatever its size: a case is never shown with another case's problems.
    revalidate(false);
    finishLoad(fileName);
}

void CaseDocument::load(const JsonValue &root, const QString &fileName, ValidationResult validated) {
    if (!root.isObject()) {
        load(root, fileName); // validated as the empty object the document holds instead
        return;
    }
    m_hasCase = true;
    dropRefused([](const Refused &) { return true; });
    releaseCase();
    // A check still running is of the case replaced: its result is dropped.
    ++m_validationGeneration;
    m_validationTimer->stop();
    m_checking = false;
    m_root = root;
    m_validatedRoot = root;
    m_case = std::move(validated.parsed);
    m_validation = std::move(validated.problems);
    mergeProblems();
    finishLoad(fileName);
}

void CaseDocument::releaseCase() {
    // The case being replaced may be large: its tree and typed case are freed off the GUI thread.
    // In one job, so the memory is given back once both are freed.
    m_validatedRoot = JsonValue();
    releaseInBackground(std::pair(std::exchange(m_root, JsonValue()), std::exchange(m_case, Case())),
                        ReturnMemory::Yes);
}

void CaseDocument::finishLoad(const QString &fileName) {
    m_undo->clear();
    setFileName(fileName);
    emit loaded();
    emit edited(QString());
    m_modified = false;
    emit modifiedChanged(false);
}

void CaseDocument::applyValue(const QString &path, const std::optional<JsonValue> &value) {
    m_hasCase = true; // an edit of the placeholder makes it a case (validated below)
    if (value)
        setJsonValueAt(m_root, path, *value);
    else
        removeJsonValueAt(m_root, path);
    // The value at the path (or a container of it) changed: text refused there no longer stands.
    dropRefused([&](const Refused &r) {
        return r.path == path || r.path.startsWith(path + u'.') || r.path.startsWith(path + u'[');
    });
    revalidate();
    emit edited(path);
    updateModified();
}

void CaseDocument::revalidate(bool inBackground) {
    ++m_validationGeneration; // a job in flight checks an older tree: its result is dropped
    if (inBackground && m_root[u"offerings"].size() >= m_backgroundThreshold) {
        // Checked on a worker once the edits pause; problems() stays that of the tree before the edit.
        m_checking = true;
        m_validationTimer->start();
        return;
    }
    m_validationTimer->stop();
    m_checking = false;
    m_validatedRoot = m_root;
    ValidationResult v = validateCase(m_root, now(), defaultProfile());
    // The typed case replaced may be large (a case that just shrank below the threshold).
    releaseInBackground(std::exchange(m_case, std::move(v.parsed)));
    m_validation = std::move(v.problems);
    mergeProblems();
}

void CaseDocument::startValidation() {
    // One job at a time: when the one in flight ends (its result then out of date), the newest tree is
    // checked (validationDone).
    if (m_validationRunning || !m_checking) return;
    m_validationRunning = true;
    const quint64 generation = m_validationGeneration;
    auto *watcher = new QFutureWatcher<ValidationResult>(this);
    connect(watcher, &QFutureWatcher<ValidationResult>::finished, this, [this, watcher, generation] {
        ValidationResult r = watcher->future().takeResult(); // moved on: the typed case is large
        watcher->deleteLater();
        validationDone(generation, std::move(r));
    });
    // The tree is shared (copy on write): the next edit copies what it changes, never this job's tree.
    watcher->setFuture(
        runInBackground([root = m_root, now = now()] { return validateCase(root, now, defaultProfile()); }));
}

void CaseDocument::validationDone(quint64 generation, ValidationResult result) {
    m_validationRunning = false;
    if (generation != m_validationGeneration) {
        // An edit (or a load) came after the tree this job checked.
        releaseInBackground(std::move(result));
        if (m_checking && !m_validationTimer->isActive()) startValidation();
        return;
    }
    m_checking = false;
    m_validatedRoot = m_root; // no edit came after the tree this job checked
    releaseInBackground(std::exchange(m_case, std::move(result.parsed)));
    m_validation = std::move(result.problems);
    mergeProblems();
    emit validated();
}

bool CaseDocument::waitForValidation(int timeoutMs) {
    return processEventsWhile([this] { return m_checking || m_validationRunning; }, timeoutMs);
}

void CaseDocument::mergeProblems() {
    m_problems.clear();
    for (const Refused &r : m_refused)
        m_problems.push_back({Problem::Severity::Error, r.path,
                              tr("\"%1\" was not accepted (%2); the case keeps its previous value")
                                  .arg(r.text.left(60), r.message)});
    m_problems.insert(m_problems.end(), m_validation.begin(), m_validation.end());
    // Today's premium stated twice and disagreeing: a warning naming both figures, at input.premium.
    if (const auto d = currentPremiumDisagreement(m_case.input))
        m_problems.push_back({Problem::Severity::Warning, QStringLiteral("input.premium"),
                              currentPremiumDisagreementText(*d)});
}

} // namespace pw
