// SPDX-License-Identifier: MIT
#include "serve_loop.h"

#include "serve_session.h"

#include "prunescope/json_parse.h"

#include <nlohmann/json.hpp>

#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

namespace prunescope::cli {

using nlohmann::json;

namespace {

struct Queued {
    json request; // null: the end of input
    json id;
    std::shared_ptr<std::atomic<bool>> cancelled;
};

class Loop {
public:
    Loop(std::ostream& out, ServeSession& session)
        : m_out(out)
        , m_session(session)
    {
        m_session.setEmitter([this](const json& message) { emit(message); });
    }

    void emit(const json& message)
    {
        // Invalid UTF-8 (a path or layer name from a foreign file system) is replaced
        // rather than failing the whole response.
        const std::string line = message.dump(-1, ' ', false, json::error_handler_t::replace);
        const std::lock_guard<std::mutex> lock(m_outLock);
        // One flush per line: the GUI reads progress as it comes.
        m_out << line << '\n' << std::flush;
    }

    // The reader thread.
    void read(std::istream& in)
    {
        std::string line;
        while (std::getline(in, line)) {
            if (line.find_first_not_of(" \t\r\n") == std::string::npos)
                continue;
            json request;
            try {
                request = parseJson(line);
            } catch (const JsonError& e) {
                m_session.reject(nullptr, std::string("the request is not JSON (") + e.what() + ")");
                continue;
            }
            const json id = request.is_object() ? request.value("id", json()) : json();
            if (request.is_object() && request.value("method", json()) == "cancel") {
                cancel(id, request.value("params", json::object()));
                continue;
            }
            push({ std::move(request), id, std::make_shared<std::atomic<bool>>(false) });
        }
        // The client is gone: what is left is for nobody.
        const std::lock_guard<std::mutex> lock(m_lock);
        for (auto& q : m_queue)
            q.cancelled->store(true);
        if (m_running)
            m_running->store(true);
        m_queue.push_back({ json(), json(), nullptr });
        m_wake.notify_one();
    }

    // The handling thread; returns once the input ended or "shutdown" was handled.
    bool handleAll()
    {
        for (;;) {
            Queued next;
            {
                std::unique_lock<std::mutex> lock(m_lock);
                m_wake.wait(lock, [&] { return !m_queue.empty(); });
                next = std::move(m_queue.front());
                m_queue.pop_front();
                if (!next.cancelled)
                    return false; // end of input
                if (next.cancelled->load()) {
                    lock.unlock();
                    m_session.cancelledBeforeStart(next.id);
                    continue;
                }
                m_running = next.cancelled;
                m_runningId = next.id;
            }
            const bool goOn = m_session.handle(next.request, *next.cancelled);
            {
                const std::lock_guard<std::mutex> lock(m_lock);
                m_running.reset();
                m_runningId = json();
            }
            if (!goOn)
                return true;
        }
    }

private:
    void push(Queued queued)
    {
        const std::lock_guard<std::mutex> lock(m_lock);
        m_queue.push_back(std::move(queued));
        m_wake.notify_one();
    }

    void cancel(const json& id, const json& params)
    {
        if (!id.is_number_integer() || !params.is_object() || !params.value("id", json()).is_number_integer()) {
            m_session.reject(id, R"(cancel needs an integer "id" and params {"id": <the request to cancel>})");
            return;
        }
        const json& target = params["id"];
        bool found = false;
        {
            const std::lock_guard<std::mutex> lock(m_lock);
            if (m_running && m_runningId == target) {
                m_running->store(true);
                found = true;
            }
            for (auto& q : m_queue)
                if (q.cancelled && q.id == target) {
                    q.cancelled->store(true);
                    found = true;
                }
        }
        emit(json { { "id", id }, { "result", { { "cancelled", found } } } });
    }

    std::ostream& m_out;
    ServeSession& m_session;
    std::mutex m_outLock;
    std::mutex m_lock;
    std::condition_variable m_wake;
    std::deque<Queued> m_queue;
    std::shared_ptr<std::atomic<bool>> m_running;
    json m_runningId;
};

} // namespace

int runServeLoop(std::istream& in, std::ostream& out, ServeSession& session)
{
    Loop loop(out, session);
    std::thread reader([&] { loop.read(in); });
    if (loop.handleAll()) {
        // "shutdown": the reader may be blocked on input that never comes. Leave without
        // running destructors under its feet; everything written is flushed.
        out.flush();
        std::_Exit(0);
    }
    reader.join();
    return 0;
}

} // namespace prunescope::cli
