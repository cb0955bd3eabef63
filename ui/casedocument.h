// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"
#include "io/problem.h"
#include "io/validation.h"
#include "model/case.h"

#include <QDateTime>
#include <QObject>
#include <QString>

class QTimer;
class QUndoStack;

namespace pw {

// The open case: its JSON tree (the source of truth, so unknown fields survive), the typed Case re-read
// after every edit, the validation problems, and the undo stack. Every edit is a QUndoCommand that sets
// (or removes) the value at one JSON path; array operations set the whole array. `edited(path)` names
// the path that changed ("" after a load), so listeners can decide how much to refresh.
//
// Validating a large case takes seconds (about 60 µs per offering), so after an edit of a case with at
// least backgroundValidationThreshold() offerings the tree is re-validated on a worker thread instead of
// the GUI thread: debounced (a burst of edits is checked once), one job at a time, and a job's result is
// applied only if no edit came after the tree it checked (a newer edit supersedes it; the newest tree is
// checked when the job in flight ends). Until then problems() and typedCase() are those of the tree before
// the edit, isChecking() is true, and `validated()` says when they are current again. Smaller cases are
// validated at once, before `edited` is emitted. The tree itself (root(), value()) is always current.
class CaseDocument : public QObject {
    Q_OBJECT
public:
    explicit CaseDocument(QObject *parent = nullptr);
    ~CaseDocument() override;

    // False until a case is loaded (or the empty tree edited): a new document holds an empty placeholder
    // that is not validated (problems() is empty), and the window shows nothing of it as a case.
    bool hasCase() const { return m_hasCase; }
    const JsonValue &root() const { return m_root; }
    const Case &typedCase() const { return m_case; }
    // Validation problems of the tree, one error per refused input (below), and a warning when today's
    // premium is stated twice and disagrees (engine/currentpremium.h).
    const Problems &problems() const { return m_problems; }
    // The problems of the tree alone, without the refused inputs: what stands in the way of ranking the case
    // (a refused text leaves the case as it was, so it blocks nothing).
    const Problems &validationProblems() const { return m_validation; }

    // Text a field could not read as its kind ("-1780" for a premium): the field keeps showing it and
    // the Problems dock lists it until it is fixed, or the value at its path changes (an undo), or
    // another case is loaded. The document's value at the path is left as it was.
    void setRefusedInput(const QString &path, const QString &text, const QString &message);
    void clearRefusedInput(const QString &path);
    std::optional<QString> refusedText(const QString &path) const;
    int refusedCount() const { return int(m_refused.size()); }
    QUndoStack *undoStack() const { return m_undo; }

    QString fileName() const { return m_fileName; }
    void setFileName(const QString &fileName);
    // Unsaved: edits since the last save. Text a field refused is not one: the case keeps its previous
    // value, so a refusal neither marks the case modified nor starts a ranking, nor makes the ranking of
    // the case stale (its problem is listed until fixed; refusedInputChanged).
    bool isModified() const;
    // What closing or replacing the case would lose: edits, or text a field refused (it is in no file, so
    // it is asked about like an unsaved edit, though the case itself is unchanged).
    bool hasUnsavedWork() const { return isModified() || !m_refused.empty(); }
    void markSaved();
    // Counts changes of the tree (edits, undo/redo, loads; also a clock change, which may change the
    // problems): a save that started at one count marks the case saved only if the count is the same
    // when it is done — edits made while it ran belong to the next save.
    quint64 treeGeneration() const { return m_validationGeneration; }

    // An edit's validation still runs on a worker: problems() and typedCase() are of an earlier tree.
    bool isChecking() const { return m_checking; }
    // The tree problems() and typedCase() are of: root() unless isChecking(). A value that differs here
    // from root() has not been validated yet (its problems, if any, are not known).
    const JsonValue &validatedRoot() const { return m_validatedRoot; }
    // Processes events until the latest edit is validated (tests and screenshots); false on timeout.
    bool waitForValidation(int timeoutMs = 30000);
    // Cases with at least this many offerings are validated off the GUI thread after an edit
    // (default kBackgroundValidationOfferings; 0: every case, which tests use on small cases).
    int backgroundValidationThreshold() const { return m_backgroundThreshold; }
    void setBackgroundValidationThreshold(int offerings) { m_backgroundThreshold = offerings; }
    static constexpr int kBackgroundValidationOfferings = 500; // ~30 ms of validation

    // The clock date rules use; invalid means the wall clock at each validation.
    QDateTime now() const;
    void setNow(const QDateTime &now);

    JsonValue value(const QString &path) const;
    // Sets the value at `path` as one undoable edit; a null value removes the key ("not stated").
    // Nothing happens when the value is unchanged.
    void setValue(const QString &path, const JsonValue &value, const QString &text = QString());
    // Array helpers (each one undoable edit of the whole array).
    void appendItems(const QString &arrayPath, const JsonValue::Array &items, const QString &text);
    void insertItem(const QString &arrayPath, int index, const JsonValue &item, const QString &text);
    void removeItems(const QString &arrayPath, QList<int> indexes, const QString &text);
    void duplicateItems(const QString &arrayPath, QList<int> indexes, const QString &idKey,
                        const QString &text);

    // Replaces the whole document (a new, opened or dropped case); clears the undo history.
    void load(const JsonValue &root, const QString &fileName);
    // The same with the tree already validated (off the GUI thread, see io/caseopening.h): `validated`
    // must be validateCase(root) with this document's clock, so the GUI thread does no validation.
    void load(const JsonValue &root, const QString &fileName, ValidationResult validated);

    // Used by the undo commands.
    void applyValue(const QString &path, const std::optional<JsonValue> &value);

signals:
    void edited(const QString &path);
    // The validation of the latest edit ran off the GUI thread and is now in problems() and typedCase()
    // (the tree did not change since `edited`); not emitted when an edit was validated at once.
    void validated();
    void loaded();
    void modifiedChanged(bool modified);
    // Text refused at `path` no longer stands (fixed, undone or replaced by a valid value).
    void refusedInputCleared(const QString &path, const QString &text);
    // Text at `path` was refused, or the refused text there was withdrawn, without the tree changing
    // (unlike `edited`): the problems changed, the case did not.
    void refusedInputChanged(const QString &path);
    void fileNameChanged(const QString &fileName);

private:
    // Validates the tree: at once, or (`inBackground` and a large case) on a worker after a pause.
    void revalidate(bool inBackground = true);
    // Starts the worker job that validates the tree as it now stands (see isChecking()).
    void startValidation();
    void validationDone(quint64 generation, ValidationResult result);
    void finishLoad(const QString &fileName);
    void mergeProblems();
    void updateModified();
    // Drops the refused text of the paths `matches` selects, telling listeners which.
    template <typename Pred> bool dropRefused(Pred matches);
    struct Refused {
        QString path, text, message;
    };

    void releaseCase(); // hands the case being replaced to a worker to free
    JsonValue m_root;
    JsonValue m_validatedRoot; // see validatedRoot()
    Case m_case;
    Problems m_validation, m_problems;
    std::vector<Refused> m_refused;
    QUndoStack *m_undo = nullptr;
    QString m_fileName;
    QDateTime m_now;
    bool m_modified = false; // as last announced by modifiedChanged
    bool m_hasCase = false;  // see hasCase()
    // Validation off the GUI thread: the generation counts trees; a job's result is applied only when
    // its generation is still the current one.
    int m_backgroundThreshold = kBackgroundValidationOfferings;
    QTimer *m_validationTimer = nullptr; // the debounce
    quint64 m_validationGeneration = 0;
    bool m_checking = false;          // the current tree awaits its validation
    bool m_validationRunning = false; // a job is on a worker (at most one)
};

// A fresh id for a copy: "<id>_copy", "<id>_copy2", … not in `taken`.
QString uniqueCopyId(const QString &id, const QStringList &taken);

} // namespace pw
