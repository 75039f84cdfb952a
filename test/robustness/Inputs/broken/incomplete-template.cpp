// Broken on purpose: templates that are never instantiated, incomplete
// types, and a specialization of an unknown template.
#include <list>
#include <string>
#include <vector>

struct Opaque;

template <class T> void drainAll(std::vector<T> &Queue) {
  while (!Queue.empty())
    Queue.erase(Queue.begin());
}

template <class C, class P> void pruneIf(C &Container, P Pred) {
  for (auto It = Container.begin(); It != Container.end();) {
    if (Pred(*It))
      It = Container.erase(It);
    else
      ++It;
  }
}

template <class T> struct Holder {
  std::vector<T> Items;
  void pop() { Items.erase(Items.begin()); }
  void run() {
    while (!Items.empty())
      pop();
  }
  Opaque Member;
};

template <> struct Unknown<int> {};

int walk(const std::list<Opaque> &Values) {
  int N = 0;
  for (unsigned I = 0; I < Values.size(); ++I)
    N += std::next(Values.begin(), I)->size();
  return N;
}

Holder<int> H;
