// Mock of libcurl for vibeguard's checker tests.
#ifndef VIBEGUARD_MOCK_CURL_H
#define VIBEGUARD_MOCK_CURL_H
extern "C" {
typedef void CURL;
typedef void CURLM;
typedef enum { CURLE_OK = 0, CURLE_COULDNT_CONNECT = 7 } CURLcode;
typedef enum {
  CURLOPT_URL = 10002,
  CURLOPT_USERPWD = 10005,
  CURLOPT_PASSWORD = 10174,
  CURLOPT_XOAUTH2_BEARER = 10220
} CURLoption;
CURL *curl_easy_init(void);
CURLcode curl_easy_setopt(CURL *curl, CURLoption option, ...);
CURLcode curl_easy_perform(CURL *curl);
void curl_easy_cleanup(CURL *curl);
int curl_multi_perform(CURLM *multi, int *running);
int curl_multi_poll(CURLM *multi, void *fds, unsigned n, int timeout, int *ret);
}
#endif
