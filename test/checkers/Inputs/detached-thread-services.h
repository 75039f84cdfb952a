// Classes whose objects other translation units create.
#pragma once

class Communicator {
public:
  void go();
  void mainLoop();
};

class Distributor {
public:
  static Distributor *create(int Threads);
  explicit Distributor(int Threads);
  void distribute(int Worker);
};

class Resolver {
public:
  void start();
  void run();
};
