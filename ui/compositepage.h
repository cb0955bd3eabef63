// SPDX-License-Identifier: MIT
#pragma once

#include "casepage.h"

#include <vector>

class QTabWidget;

namespace pw {

// A case section made of several pages (a form above tables, or one tab per current line); problems
// and focus requests go to the child that owns the path.
class CompositePage : public CasePage {
    Q_OBJECT
public:
    enum class Arrangement { Stacked, Tabbed };
    explicit CompositePage(Arrangement arrangement, QWidget *parent = nullptr);
    void addPage(CasePage *page, const QString &title = QString(), int stretch = 1);
    bool focusPath(const QString &path) override;
    bool ownsPath(const QString &path) const override;
    QTabWidget *tabs() const { return m_tabs; }

private:
    std::vector<CasePage *> m_pages;
    QTabWidget *m_tabs = nullptr;
};

} // namespace pw
