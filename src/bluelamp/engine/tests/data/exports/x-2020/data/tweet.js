window.YTD.tweet.part0 = [
  {
    "tweet": {
      "retweeted": false,
      "entities": {
        "user_mentions": [],
        "urls": [],
        "symbols": [],
        "hashtags": []
      },
      "id_str": "1221130902635458000",
      "id": "1221130902635458000",
      "created_at": "Sat Jan 25 18:01:09 +0000 2020",
      "full_text": "Stay safe on the roads tonight &lt;3",
      "favorite_count": "35",
      "retweet_count": "6",
      "lang": "en"
    }
  }
]