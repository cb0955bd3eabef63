// SPDX-License-Identifier: MIT
// Tests: holds the ranking controller's later runs at the start of their Ranking stage until release(), so
// a test acts on a run in flight however fast the search is (RankingController::setProgressObserverForTests).
// A held run waits at most 30 s.
#pragma once

#include "rankingcontroller.h"

#include <QThread>

#include <atomic>
#include <memory>

namespace pw::test {

class RankingHold {
public:
    explicit RankingHold(RankingController *ranking) {
        ranking->setProgressObserverForTests([release = m_release, held = m_held](const EngineProgress &p) {
            if (p.stage != EngineProgress::Stage::Ranking) return;
            held->store(true);
            for (int i = 0; i < 6000 && !release->load(); ++i)
                QThread::msleep(5);
        });
    }
    bool isHeld() const { return m_held->load(); }
    void release() { m_release->store(true); }

private:
    std::shared_ptr<std::atomic<bool>> m_release = std::make_shared<std::atomic<bool>>(false);
    std::shared_ptr<std::atomic<bool>> m_held = std::make_shared<std::atomic<bool>>(false);
};

} // namespace pw::test
