// Threads, a job queue and a singleton the way an assistant writes them,
// against the real standard library and pthread headers.
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>
#include <pthread.h>
#include <unistd.h>

class JobQueue {
public:
  void push(std::string Job) {
    std::lock_guard<std::mutex> Lock(Mutex);
    Jobs.push_back(std::move(Job));
    Ready.notify_one();
  }
  std::string pop() {
    std::unique_lock<std::mutex> Lock(Mutex);
    Ready.wait(Lock, [this] { return !Jobs.empty(); });
    std::string Job = Jobs.back();
    Jobs.pop_back();
    return Job;
  }
  size_t size() const { return Jobs.size(); }
  void flush() {
    std::lock_guard<std::mutex> Lock(Mutex);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    FILE *Out = fopen("/tmp/jobs", "w");
    if (Out)
      fclose(Out);
  }

private:
  mutable std::mutex Mutex;
  std::condition_variable Ready;
  std::vector<std::string> Jobs;
};

std::mutex UsersMutex, StatsMutex;
std::map<int, std::string> Users;
int Lookups = 0;

void countLookup() {
  std::lock_guard<std::mutex> Stats(StatsMutex);
  std::lock_guard<std::mutex> UsersLock(UsersMutex);
  ++Lookups;
}
std::string userName(int Id) {
  std::scoped_lock<std::mutex> UsersLock(UsersMutex);
  auto It = Users.find(Id);
  {
    std::lock_guard<std::mutex> Stats(StatsMutex);
    ++Lookups;
  }
  return It == Users.end() ? "" : It->second;
}

class Service {
public:
  static Service &instance() {
    if (!Instance)
      Instance = new Service();
    return *Instance;
  }
  void stop() {
    Stopping = true;
    while (Running)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }

private:
  static Service *Instance;
  bool Stopping = false;
  bool Running = true;
};
Service *Service::Instance = nullptr;

pthread_mutex_t Legacy = PTHREAD_MUTEX_INITIALIZER;
void legacy(std::future<int> &F) {
  pthread_mutex_lock(&Legacy);
  int V = F.get();
  (void)V;
  pthread_mutex_unlock(&Legacy);
}

int main() {
  std::thread T([] { Service::instance(); });
  sleep(1);
  Service::instance().stop();
  T.join();
}
