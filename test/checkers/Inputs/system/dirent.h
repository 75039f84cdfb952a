// Mock of <dirent.h> for vibeguard's checker tests.
#ifndef VIBEGUARD_MOCK_DIRENT_H
#define VIBEGUARD_MOCK_DIRENT_H
#ifdef __cplusplus
extern "C" {
#endif
typedef struct DIR DIR;
struct dirent {
  char d_name[256];
};
DIR *opendir(const char *path);
struct dirent *readdir(DIR *dir);
int closedir(DIR *dir);
#ifdef __cplusplus
}
#endif
#endif
