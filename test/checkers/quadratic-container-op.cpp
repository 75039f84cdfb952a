// RUN: %check_vibeguard %s vibeguard-quadratic-container-op %t
// RUN: %check_vibeguard -check-suffix=CXX20 %s vibeguard-quadratic-container-op %t-cxx20 \
// RUN:   -- -- -std=c++20 -DCXX20_ONLY
// RUN: %check_vibeguard -check-suffix=NOALGORITHM %s vibeguard-quadratic-container-op %t-noalgorithm \
// RUN:   -- -- -DNO_ALGORITHM_ONLY
// RUN: %check_vibeguard -check-suffix=OPTIONS %s vibeguard-quadratic-container-op %t-options \
// RUN:   -- -config="{CheckOptions: {vibeguard-quadratic-container-op.MaxConstantTripCount: 2, \
// RUN:                               vibeguard-quadratic-container-op.ContiguousContainers: '::std::vector;::project::Buffer'}}" \
// RUN:   -- -DOPTIONS_ONLY

#ifndef NO_ALGORITHM_ONLY
#include <algorithm>
#endif
#include <deque>
#include <istream>
#include <iterator>
#include <list>
#include <map>
#include <string>
#include <vector>

struct Job {
  int Id;
  bool Done;
  bool expired(long Now) const;
};
bool isStale(const Job &J, long Now);
void handle(const Job &J);

#if defined(CXX20_ONLY)
// ---- C++20: the fix is std::erase_if -------------------------------------

void prune(std::vector<Job> &Jobs, long Now) {
  for (auto It = Jobs.begin(); It != Jobs.end();) {
    if (It->expired(Now))
      It = Jobs.erase(It);
      // CHECK-MESSAGES-CXX20: :[[@LINE-1]]:12: warning: erasing single elements of 'Jobs' inside a loop over it shifts the rest of 'Jobs' on every erase, making the loop quadratic; remove them in one pass with std::erase_if or the erase-remove idiom [vibeguard-quadratic-container-op]
    else
      ++It;
  }
  // CHECK-FIXES-CXX20: std::erase_if(Jobs, [&](auto &Element) { return Element.expired(Now); });
}

// Structured bindings can be captured from C++20 on.
struct Bounds {
  int Low, High;
};
void pruneOutside(std::deque<int> &Values, const Bounds &Range) {
  const auto [Low, High] = Range;
  for (auto It = Values.begin(); It != Values.end();) {
    if (*It < Low || *It > High)
      It = Values.erase(It);
      // CHECK-MESSAGES-CXX20: :[[@LINE-1]]:12: warning: erasing single elements of 'Values' inside a loop over it
    else
      It++;
  }
  // CHECK-FIXES-CXX20: std::erase_if(Values, [&](auto &Element) { return Element < Low || Element > High; });
}

#elif defined(NO_ALGORITHM_ONLY)
// ---- Before C++20 without <algorithm>: nothing to rewrite with -------------

void prune(std::vector<Job> &Jobs, long Now) {
  for (auto It = Jobs.begin(); It != Jobs.end();) {
    if (It->expired(Now))
      It = Jobs.erase(It);
      // CHECK-MESSAGES-NOALGORITHM: :[[@LINE-1]]:12: warning: erasing single elements of 'Jobs' inside a loop over it
    else
      ++It;
  }
}

#elif defined(OPTIONS_ONLY)
// ---- Options: a project container, and a lower constant trip count --------

namespace project {
template <class T> class Buffer {
public:
  T *begin();
  T *end();
  bool empty() const;
  T *erase(T *);
};
} // namespace project

void consume(project::Buffer<char> &In) {
  while (!In.empty())
    In.erase(In.begin());
    // CHECK-MESSAGES-OPTIONS: :[[@LINE-1]]:5: warning: erasing the front of 'In' shifts all of its remaining elements on every iteration of the loop, making the loop quadratic
}

void dropFour(std::vector<int> &V) {
  for (int I = 0; I < 4; ++I)
    V.erase(V.begin());
    // CHECK-MESSAGES-OPTIONS: :[[@LINE-1]]:5: warning: erasing the front of 'V' shifts all of its remaining elements on every iteration of the loop
}

// std::basic_string is no longer listed.
void strip(std::string &S) {
  while (!S.empty())
    S.erase(S.begin());
}

#else
// ---- Front of a vector or string: a queue made of a vector ---------------

void drain(std::vector<Job> &Queue) {
  while (!Queue.empty()) {
    Job Next = Queue.front();
    Queue.erase(Queue.begin());
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: erasing the front of 'Queue' shifts all of its remaining elements on every iteration of the loop, making the loop quadratic; read it from an advancing index (or use a std::deque) and erase the consumed prefix once, after the loop [vibeguard-quadratic-container-op]
    handle(Next);
  }
}

std::vector<int> breadthFirst(const std::vector<std::vector<int>> &Edges) {
  std::vector<int> Order, Frontier;
  Frontier.push_back(0);
  while (Frontier.size() > 0) {
    const int Node = Frontier.front();
    Frontier.erase(Frontier.begin(), Frontier.begin() + 1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: erasing the front of 'Frontier' shifts all of its remaining elements
    Order.push_back(Node);
    for (int Next : Edges[Node])
      Frontier.push_back(Next);
  }
  return Order;
}

// 'size() >= 4' is no limit: the loop consumes the buffer four bytes at a
// time.
void parseFrames(std::vector<char> &Buffer) {
  while (Buffer.size() >= 4) {
    Buffer.erase(Buffer.begin(), Buffer.begin() + 4);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: erasing the front of 'Buffer' shifts all of its remaining elements
  }
}

std::vector<int> reversed(const std::vector<int> &In) {
  std::vector<int> Out;
  for (int X : In)
    Out.insert(Out.begin(), X);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: inserting at the front of 'Out' shifts all of its elements on every iteration of the loop, making the loop quadratic; append at the end and reverse once after the loop, or use a std::deque [vibeguard-quadratic-container-op]
  return Out;
}

void prependAll(std::vector<Job> &Jobs, const std::vector<int> &Ids) {
  std::for_each(Ids.begin(), Ids.end(), [&](int Id) {
    Jobs.emplace(Jobs.begin(), Id, false);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: inserting at the front of 'Jobs' shifts all of its elements on every iteration of 'std::for_each'
  });
}

std::string path(const std::vector<std::string> &Parts) {
  std::string Result;
  for (const std::string &Part : Parts)
    Result.insert(0, Part.c_str());
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: inserting at the front of 'Result' shifts all of its characters on every iteration of the loop, making the loop quadratic; append at the end and reverse once after the loop [vibeguard-quadratic-container-op]
  return Result;
}

// The tokenizer consumes its input from the front; the search from 0 on the
// shrinking string is not the problem, the erase is.
std::vector<std::string> split(std::string Line) {
  std::vector<std::string> Fields;
  std::size_t Pos;
  while ((Pos = Line.find(',')) != std::string::npos) {
    Fields.push_back(Line.substr(0, Pos));
    Line.erase(0, Pos + 1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: erasing the front of 'Line' shifts all of its remaining characters on every iteration of the loop, making the loop quadratic; advance a position (or a std::string_view) through it and erase the consumed prefix once, after the loop [vibeguard-quadratic-container-op]
  }
  return Fields;
}

std::vector<std::string> splitBySubstr(std::string Line) {
  std::vector<std::string> Fields;
  std::size_t Pos;
  while ((Pos = Line.find(';')) != std::string::npos) {
    Fields.push_back(Line.substr(0, Pos));
    Line = Line.substr(Pos + 1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: assigning 'Line' its own substring copies the rest of 'Line' on every iteration of the loop, making the loop quadratic; advance a position (or a std::string_view) through 'Line' instead [vibeguard-quadratic-container-op]
  }
  return Fields;
}

// ---- Through helpers ---------------------------------------------------------

class WorkQueue {
public:
  bool empty() const { return Items.empty(); }
  Job take() {
    Job First = Items.front();
    Items.erase(Items.begin());
    return First;
  }
  void runAll() {
    while (!empty())
      handle(take());
      // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: call to 'WorkQueue::take' shifts every element of 'Items' on each iteration of the loop, making the loop quadratic; consume 'Items' through an advancing index and erase the consumed prefix once, or make 'Items' a std::deque [vibeguard-quadratic-container-op]
      // CHECK-MESSAGES: :[[@LINE-7]]:5: note: the front of 'Items' is erased here
  }

private:
  std::vector<Job> Items;
};

class Inbox {
public:
  bool empty() const { return Messages.empty(); }
  void dropOldest() { Messages.erase(Messages.begin()); }
  void processOldest() { dropOldest(); }

private:
  std::vector<Job> Messages;
};

void clearInbox(Inbox &Box) {
  while (!Box.empty())
    Box.processOldest();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'Inbox::processOldest' shifts every element of 'Messages' on each iteration of the loop
    // CHECK-MESSAGES: :[[@LINE-10]]:26: note: 'Inbox::processOldest' calls 'Inbox::dropOldest' here
    // CHECK-MESSAGES: :[[@LINE-12]]:23: note: the front of 'Messages' is erased here
}

void pushFront(std::vector<int> &Out, int X) { Out.insert(Out.begin(), X); }

void collect(std::vector<int> &Out, const std::list<int> &In) {
  for (int X : In)
    pushFront(Out, X);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'pushFront' shifts every element of 'Out' on each iteration of the loop, making the loop quadratic; append at the end and reverse once, or make 'Out' a std::deque
    // CHECK-MESSAGES: :[[@LINE-6]]:48: note: an element is inserted at the front of 'Out' here
}

// ---- Erasing single elements while looping over the container -------------

void pruneDone(std::vector<Job> &Jobs) {
  for (auto It = Jobs.begin(); It != Jobs.end();) {
    if (It->Done && (*It).Id > 0)
      It = Jobs.erase(It);
      // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: erasing single elements of 'Jobs' inside a loop over it shifts the rest of 'Jobs' on every erase, making the loop quadratic; remove them in one pass with std::erase_if or the erase-remove idiom [vibeguard-quadratic-container-op]
    else
      ++It;
  }
  // CHECK-FIXES: Jobs.erase(std::remove_if(Jobs.begin(), Jobs.end(), [&](auto &Element) { return Element.Done && Element.Id > 0; }), Jobs.end());
}

class Scheduler {
public:
  void expire(long Now) {
    for (std::deque<Job>::iterator Cur = Pending.begin(); Cur != Pending.end();) {
      if (isStale(*Cur, Now)) {
        Cur = Pending.erase(Cur);
        // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: erasing single elements of 'Pending' inside a loop over it
      } else {
        ++Cur;
      }
    }
    // CHECK-FIXES: Pending.erase(std::remove_if(Pending.begin(), Pending.end(), [&](auto &Element) { return isStale(Element, Now); }), Pending.end());
  }

private:
  std::deque<Job> Pending;
};

// The same parameter name as the lambda's would be: another name is chosen.
void pruneNamed(std::vector<int> &Values, int Element) {
  for (auto It = Values.begin(); It != Values.end();) {
    if (*It == Element)
      It = Values.erase(It);
      // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: erasing single elements of 'Values' inside a loop over it
    else
      ++It;
  }
  // CHECK-FIXES: Values.erase(std::remove_if(Values.begin(), Values.end(), [&](auto &Elem) { return Elem == Element; }), Values.end());
}

// Index loops and while loops: diagnosed, but no fix.
void pruneByIndex(std::vector<int> &Values) {
  for (std::size_t I = 0; I < Values.size();) {
    if (Values[I] < 0)
      Values.erase(Values.begin() + I);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: erasing single elements of 'Values' inside a loop over it
    else
      ++I;
  }
}

void pruneWhile(std::deque<Job> &Jobs) {
  auto It = Jobs.begin();
  while (It != Jobs.end()) {
    if (It->Done)
      It = Jobs.erase(It);
      // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: erasing single elements of 'Jobs' inside a loop over it
    else
      ++It;
  }
}

void stripSpaces(std::string &Text) {
  for (std::size_t I = 0; I < Text.size();) {
    if (Text[I] == ' ')
      Text.erase(I, 1);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: erasing single elements of 'Text' inside a loop over it
    else
      ++I;
  }
}

// Stepping back after the erase still walks forwards.
void pruneCompensated(std::vector<int> &Values) {
  for (std::size_t I = 0; I < Values.size(); ++I) {
    if (Values[I] == 0) {
      Values.erase(Values.begin() + I);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: erasing single elements of 'Values' inside a loop over it
      --I;
    }
  }
}

// Removing every occurrence: one finding for the erase, none for the search.
void removeAll(std::string &Text) {
  std::size_t Pos;
  while ((Pos = Text.find("--")) != std::string::npos)
    Text.erase(Pos, 2);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: erasing single elements of 'Text' inside a loop over it
}

// The condition reads the container itself: the rewrite would see it
// half-compacted, so there is no fix.
void pruneLast(std::vector<int> &Values) {
  for (auto It = Values.begin(); It != Values.end();) {
    if (*It == Values.front())
      It = Values.erase(It);
      // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: erasing single elements of 'Values' inside a loop over it
    else
      ++It;
  }
}

// The iterator is used for more than its element: no fix.
void pruneAdjacent(std::vector<int> &Values) {
  for (auto It = Values.begin(); It != Values.end();) {
    if (It != Values.begin() && *It == *(It - 1))
      It = Values.erase(It);
      // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: erasing single elements of 'Values' inside a loop over it
    else
      ++It;
  }
}

// ---- Walking a list from its beginning ----------------------------------------

int sumByIndex(const std::list<int> &Values) {
  int Sum = 0;
  for (unsigned I = 0; I < Values.size(); ++I)
    Sum += *std::next(Values.begin(), I);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'std::next' walks 'Values' from its beginning one element at a time on every iteration of the loop, making the loop quadratic; keep an iterator across iterations and step it forward [vibeguard-quadratic-container-op]
  return Sum;
}

int sumByAdvance(const std::list<int> &Values, const std::vector<long> &Picks) {
  int Sum = 0;
  for (long Pick : Picks) {
    auto It = Values.begin();
    std::advance(It, Pick);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::advance' walks 'Values' from its beginning one element at a time on every iteration of the loop
    Sum += *It;
  }
  return Sum;
}

long positions(std::map<int, int> &Index, const std::vector<int> &Keys) {
  long Total = 0;
  for (int Key : Keys)
    Total += std::distance(Index.begin(), Index.find(Key));
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'std::distance' walks 'Index' from its beginning one element at a time on every iteration of the loop, making the loop quadratic; count positions alongside the iterator instead of measuring them from begin() [vibeguard-quadratic-container-op]
  return Total;
}

// ---- Searching a string from 0 while the loop changes it ------------------------

void collapseSpaces(std::string &Text) {
  std::size_t Pos;
  while ((Pos = Text.find("  ")) != std::string::npos)
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'find' searches 'Text' from its beginning on every iteration of the loop while the loop modifies it, making the loop quadratic; resume the search from the position after the previous match [vibeguard-quadratic-container-op]
    Text.replace(Pos, 2, " ");
}

void expandTabs(std::string &Text) {
  for (;;) {
    const std::size_t Tab = Text.find('\t', 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'find' searches 'Text' from its beginning on every iteration of the loop
    if (Tab == std::string::npos)
      break;
    Text.replace(Tab, 1, "    ");
  }
}

// A buffer that accumulates, cleared only when a branch is taken: the search
// rescans the whole unfinished record on every chunk.
void records(const std::vector<std::string> &Chunks) {
  std::string Pending;
  for (const std::string &Chunk : Chunks) {
    Pending += Chunk;
    if (Pending.find(';') != std::string::npos)
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'find' searches 'Pending' from its beginning on every iteration of the loop
      Pending.clear();
  }
}

// A 'continue' between the erase and the exit can skip the exit.
void dropSome(std::vector<int> &Values, int Unwanted) {
  for (auto It = Values.begin(); It != Values.end();) {
    if (*It == Unwanted) {
      It = Values.erase(It);
      // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: erasing single elements of 'Values' inside a loop over it
      if (It != Values.end() && *It > 0)
        continue;
      break;
    }
    ++It;
  }
}

// A string class of the project's own (assigning a 'std::string' to it
// converts). Dropping a fixed amount keeps the rest that a failed search
// rescans.
struct TextLine : std::string {
  TextLine(const std::string &S) : std::string(S) {}
};
int countCommas(TextLine Rest) {
  int Commas = 0;
  while (!Rest.empty()) {
    if (Rest.find(',') == 0)
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'find' searches 'Rest' from its beginning on every iteration of the loop
      ++Commas;
    Rest = Rest.substr(1);
  }
  return Commas;
}

// ---- Correct code that must stay silent --------------------------------------

// The text becomes what follows the last match: each search starts where
// the previous one stopped.
std::string expandTags(TextLine Line) {
  std::string Out;
  while (true) {
    const std::size_t Open = Line.find("<?");
    if (Open == std::string::npos)
      break;
    Out += Line.substr(0, Open);
    Line = Line.substr(Open + 2);
    const std::size_t Close = Line.find("?>");
    if (Close == std::string::npos)
      break;
    Line = Line.substr(Close + 2);
  }
  return Out;
}

// C's counter declared before the loop: still three trips.
void dropThreeC(std::vector<int> &Values) {
  int I;
  for (I = 0; I < 3; ++I)
    Values.erase(Values.begin());
}

// A deque erases and inserts at its front in constant time.
void drainDeque(std::deque<Job> &Queue, const std::vector<int> &Ids) {
  while (!Queue.empty()) {
    handle(Queue.front());
    Queue.erase(Queue.begin());
  }
  std::deque<int> Out;
  for (int Id : Ids)
    Out.insert(Out.begin(), Id);
}

// Erasing the back is constant time.
void popAll(std::vector<int> &Stack, std::string &Text) {
  while (!Stack.empty())
    Stack.erase(Stack.end() - 1);
  while (!Text.empty())
    Text.erase(std::prev(Text.end()));
}

// Walking backwards from the end erases where little or nothing follows.
std::string stripTrailingSpaces(std::string Text) {
  std::string::iterator It = Text.end();
  while (It != Text.begin() && *--It == ' ')
    It = Text.erase(It);
  return Text;
}
void dropNegativesFromBack(std::vector<int> &Values) {
  for (std::size_t I = Values.size(); I > 0; --I)
    if (Values[I - 1] < 0)
      Values.erase(Values.begin() + (I - 1));
}

// A list erases anywhere in constant time.
void pruneList(std::list<int> &Values) {
  for (auto It = Values.begin(); It != Values.end();) {
    if (*It < 0)
      It = Values.erase(It);
    else
      ++It;
  }
}

// A history capped at a limit: every erase shifts at most that many.
void remember(std::vector<int> &History, const std::vector<int> &Events,
              std::size_t Limit) {
  for (int Event : Events) {
    History.push_back(Event);
    if (History.size() > Limit)
      History.erase(History.begin());
  }
  while (History.size() > 1000)
    History.erase(History.begin());
}

// A container built inside the loop starts afresh every time.
void perRow(const std::vector<std::vector<int>> &Rows) {
  for (const std::vector<int> &Row : Rows) {
    std::vector<int> Copy = Row;
    Copy.erase(Copy.begin());
  }
}

// A constant number of iterations costs a constant.
void dropThree(std::vector<int> &V) {
  for (int I = 0; I < 3; ++I)
    V.erase(V.begin());
}

// One erase, then the loop ends: a linear search and one shift.
void removeFirst(std::vector<int> &Values, int Unwanted) {
  for (auto It = Values.begin(); It != Values.end(); ++It) {
    if (*It == Unwanted) {
      Values.erase(It);
      break;
    }
  }
  while (!Values.empty()) {
    if (Values.front() == Unwanted) {
      Values.erase(Values.begin());
      return;
    }
  }
}
// The same with work between the erase and leaving the loop.
bool removeServer(std::vector<int *> &Servers, int Unwanted, int &Index) {
  for (auto It = Servers.begin(); It != Servers.end(); ++It) {
    if (**It != Unwanted)
      continue;
    int *Removed = *It;
    Servers.erase(It);
    if (Index > 0)
      --Index;
    delete Removed;
    return true;
  }
  return false;
}

// The erase-remove idiom, and std::remove_if itself.
void compact(std::vector<Job> &Jobs, std::vector<std::vector<int>> &Groups) {
  Jobs.erase(std::remove_if(Jobs.begin(), Jobs.end(),
                            [](const Job &J) { return J.Done; }),
             Jobs.end());
  for (std::vector<int> &Group : Groups)
    Group.erase(std::remove_if(Group.begin(), Group.end(),
                               [](int X) { return X < 0; }),
                Group.end());
}

// Inserting at the end, and erasing in a container the loop does not walk.
void append(std::vector<int> &Out, const std::vector<int> &In,
            std::vector<int> &Other) {
  for (int X : In) {
    Out.insert(Out.end(), X);
    Other.erase(Other.begin() + X);
  }
}

// A constant step from begin(), and std::next over a vector.
int firstTwo(const std::list<int> &Values, const std::vector<int> &Dense) {
  int Sum = 0;
  for (unsigned I = 0; I < Dense.size(); ++I) {
    Sum += *std::next(Values.begin(), 2) + *std::next(Values.begin());
    Sum += *std::next(Dense.begin(), I);
  }
  return Sum;
}

// An iterator kept across iterations.
int sumList(const std::list<int> &Values, unsigned N) {
  int Sum = 0;
  auto It = Values.begin();
  for (unsigned I = 0; I < N; ++I) {
    std::advance(It, 1 + I);
    Sum += *It;
  }
  return Sum;
}

// A search that resumes after the previous match, and one on a string the
// loop does not change.
void replaceAll(std::string &Text, const std::vector<std::string> &Words) {
  std::size_t Pos = 0;
  while ((Pos = Text.find("ab", Pos)) != std::string::npos) {
    Text.replace(Pos, 2, "c");
    Pos += 1;
  }
  int Found = 0;
  for (const std::string &Word : Words)
    if (Text.find(Word) != std::string::npos)
      ++Found;
}

// Each iteration searches fresh text: the string is read, assigned or
// cleared and refilled before the search, so every search is as long as one
// line, not as long as everything read so far.
std::istream &operator>>(std::istream &In, std::string &Word);
void use(const std::string &Text);
void readConfig(std::istream &In) {
  std::string Line;
  while (std::getline(In, Line)) {
    const std::size_t Equals = Line.find('=');
    if (Equals == std::string::npos)
      continue;
    use(Line.substr(0, Equals));
  }
}
void readWords(std::istream &In) {
  std::string Word;
  while (In >> Word)
    if (Word.find("--") != std::string::npos)
      use(Word);
}
void readUntilEmpty(std::istream &In) {
  std::string Line;
  for (;;) {
    if (!std::getline(In, Line) || Line.empty())
      break;
    use(Line.substr(Line.find(':')));
  }
}
void rebuildEach(const std::vector<std::string> &Names) {
  std::string Key;
  std::string Scratch;
  for (const std::string &Name : Names) {
    Key = Name;
    Key += ".conf";
    use(Key.substr(Key.find('.')));
    Scratch.clear();
    Scratch.append(Name);
    Scratch.append("/");
    use(Scratch.substr(0, Scratch.find('/')));
  }
  std::string Joined;
  for (const std::string &Name : Names) {
    Joined.assign(Name);
    Joined += "=1";
    use(Joined.substr(Joined.find('=', 0)));
  }
}

// A receive buffer: each iteration appends what arrived and erases what was
// parsed. Each erase shifts only the unparsed rest, so the loop is linear in
// the input.
long read(int Fd, char *Into, unsigned long Size);
std::size_t consume(const std::string &Buffer);
std::size_t consumeBytes(const std::vector<char> &Buffer);
void pump(int Fd) {
  std::string Buffer;
  char Chunk[4096];
  for (;;) {
    const long N = read(Fd, Chunk, sizeof Chunk);
    if (N <= 0)
      break;
    Buffer.append(Chunk, N);
    const std::size_t Used = consume(Buffer);
    Buffer.erase(0, Used);
  }
}
void pumpBytes(int Fd, std::vector<char> &Pending) {
  char Chunk[512];
  long N;
  while ((N = read(Fd, Chunk, sizeof Chunk)) > 0) {
    Pending.insert(Pending.end(), Chunk, Chunk + N);
    Pending.erase(Pending.begin(), Pending.begin() + consumeBytes(Pending));
  }
}
class Connection {
public:
  void onData(const char *Data) {
    Input += Data;
    const std::size_t Header = Input.find("\r\n\r\n");
    if (Header != std::string::npos)
      Input.erase(0, Header + 4);
  }

private:
  std::string Input;
};
void serve(Connection &Conn, const std::vector<std::string> &Packets) {
  for (const std::string &Packet : Packets)
    Conn.onData(Packet.c_str());
}

// Truncation keeps the front; 'erase(0)' empties the string, and
// 'erase(pos)' drops its tail.
void truncateAll(std::vector<std::string> &Lines, std::string &Scratch) {
  for (std::string &Line : Lines) {
    Line = Line.substr(0, 80);
    Scratch.erase(0);
  }
  while (!Scratch.empty())
    Scratch.erase(Scratch.size() - 1);
}

// A helper that erases the front of its own local copy, or is not called in
// a loop, or only at a bounded size.
void dropFirstCopy(std::vector<int> Values) {
  Values.erase(Values.begin());
}
void trimHistory(std::vector<int> &History) {
  if (History.size() > 100)
    History.erase(History.begin());
}
void callers(std::vector<int> &Values, const std::vector<int> &Ids) {
  for (int Id : Ids) {
    dropFirstCopy(Values);
    trimHistory(Values);
  }
  pushFront(Values, 1);
}

// A different container on every iteration: each is shifted once.
void pushFrontAll(std::vector<int> &Out, int X) { pushFront(Out, X); }
struct Prepender {
  Prepender() { Items.insert(Items.begin(), 1); }
  std::vector<int> Items;
};
void eachOnce(std::vector<std::vector<int>> &Rows, std::vector<Inbox> &Boxes,
              std::vector<int> &Target) {
  for (std::vector<int> &Row : Rows)
    pushFront(Row, 0);
  for (Inbox &Box : Boxes)
    Box.dropOldest();
  for (int I = 0; I < 100; ++I)
    Prepender P;
  // Passed on through another helper: not followed.
  for (int I = 0; I < 100; ++I)
    pushFrontAll(Target, I);
}

// ---- Macros, templates, NOLINT ---------------------------------------------------

#define POP_FRONT(V) (V).erase((V).begin())

void drainMacro(std::vector<int> &Queue) {
  while (!Queue.empty())
    POP_FRONT(Queue);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: erasing the front of 'Queue' shifts all of its remaining elements
    // CHECK-MESSAGES: :[[@LINE-6]]:22: note: expanded from macro 'POP_FRONT'
}

// The loop itself comes from a macro: diagnosed, never rewritten.
#define PRUNE_IF(C, Cond)                                                      \
  for (auto It = (C).begin(); It != (C).end();) {                              \
    if (Cond)                                                                  \
      It = (C).erase(It);                                                      \
    else                                                                       \
      ++It;                                                                    \
  }

void pruneMacro(std::vector<int> &Values) {
  PRUNE_IF(Values, *It < 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: erasing single elements of 'Values' inside a loop over it
  // CHECK-MESSAGES: :[[@LINE-8]]:12: note: expanded from macro 'PRUNE_IF'
}

// The condition names the iterator through a macro: no fix.
#define IS_NEGATIVE(I) (*(I) < 0)

void pruneMacroCondition(std::vector<int> &Values) {
  for (auto It = Values.begin(); It != Values.end();) {
    if (IS_NEGATIVE(It))
      It = Values.erase(It);
      // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: erasing single elements of 'Values' inside a loop over it
    else
      ++It;
  }
}

// Two instantiations, one finding, and no fix inside a template.
template <class T> void drainAll(std::vector<T> &Queue) {
  while (!Queue.empty())
    Queue.erase(Queue.begin());
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: erasing the front of 'Queue' shifts all of its remaining elements
}

template <class T> void pruneZeros(std::vector<T> &Values) {
  for (auto It = Values.begin(); It != Values.end();) {
    if (*It == T())
      It = Values.erase(It);
      // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: erasing single elements of 'Values' inside a loop over it
    else
      ++It;
  }
}

void instantiate(std::vector<int> &Ints, std::vector<double> &Doubles) {
  drainAll(Ints);
  drainAll(Doubles);
  pruneZeros(Ints);
  pruneZeros(Doubles);
}

void suppressed(std::vector<int> &Queue) {
  while (!Queue.empty())
    Queue.erase(Queue.begin()); // NOLINT(vibeguard-quadratic-container-op)
}

// Each iteration searches the statement for another placeholder; the loop
// hands '*this' to a call, which could change 'Query' but adds nothing to it
// here: the text does not grow, so the searches are not quadratic.
struct StatementText;
struct Binder {
  void bind(StatementText &Statement, int Position);
};
struct StatementText {
  std::string Query;
  std::vector<std::string> Names;
  void bindAll(Binder &B) {
    int Position = 0;
    for (const std::string &Name : Names) {
      std::size_t Found = Query.find(":" + Name);
      if (Found != std::string::npos)
        B.bind(*this, Position++);
    }
  }
};
#endif
