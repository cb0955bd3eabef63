// SPDX-License-Identifier: MIT
#include "formpage.h"

#include "casedocument.h"
#include "fieldbinder.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

namespace pw {

FormPage::FormPage(CaseDocument *doc, const QString &title, const QStringList &ownedPrefixes,
                   const std::vector<Group> &groups, QWidget *parent)
    : CasePage(parent)
    , m_owned(ownedPrefixes) {
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *inner = new QWidget;
    m_content = new QVBoxLayout(inner);
    auto *heading = new QLabel(QStringLiteral("<h3>%1</h3>").arg(title.toHtmlEscaped()), inner);
    m_content->addWidget(heading);
    for (const Group &g : groups) {
        auto *box = new QGroupBox(g.title, inner);
        auto *form = new QFormLayout(box);
        auto *binder = new FieldBinder(doc, g.basePath, this);
        connect(binder, &FieldBinder::inputRejected, this, &CasePage::message);
        binder->addRows(form, g.fields, box);
        m_binders.push_back(binder);
        m_content->addWidget(box);
    }
    m_content->addStretch(1);
    outer->addWidget(verticalScrollArea(inner, this));
}

QScrollArea *verticalScrollArea(QWidget *inner, QWidget *parent) {
    auto *s = new QScrollArea(parent);
    s->setWidgetResizable(true);
    s->setFrameShape(QFrame::NoFrame);
    s->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Ignored: the scroll area gives the inner widget exactly the viewport's width, never its minimum.
    inner->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    s->setWidget(inner);
    return s;
}

bool FormPage::focusPath(const QString &path) {
    for (FieldBinder *b : m_binders)
        if (b->focusPath(path)) return true;
    return false;
}

bool FormPage::ownsPath(const QString &path) const {
    for (const QString &p : m_owned)
        if (path == p || path.startsWith(p + u'.') || path.startsWith(p + u'[')) return true;
    return false;
}

QWidget *FormPage::editor(const QString &fullPath) const {
    for (FieldBinder *b : m_binders) {
        const QString prefix = b->basePath() + u'.';
        if (fullPath.startsWith(prefix))
            if (QWidget *w = b->editorFor(fullPath.mid(prefix.size()))) return w;
    }
    return nullptr;
}

} // namespace pw
