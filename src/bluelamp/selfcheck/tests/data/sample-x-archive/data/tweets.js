window.YTD.tweets.part0 = [
  {
    "tweet": {
      "id_str": "1700000000000000001",
      "id": "1700000000000000001",
      "created_at": "Mon Jan 08 08:15:00 +0000 2024",
      "full_text": "Lovely walk round Sutton Park with the dog this morning. Frost on everything!",
      "retweeted": false,
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "77"
      ],
      "favorite_count": "0",
      "retweet_count": "0",
      "lang": "en",
      "source": "Twitter Web App",
      "truncated": false,
      "favorited": false
    }
  },
  {
    "tweet": {
      "id_str": "1700000000000000002",
      "id": "1700000000000000002",
      "created_at": "Tue Jan 09 19:40:00 +0000 2024",
      "full_text": "Vote Labour on Thursday. The Tories have wrecked policing and everyone on my shift knows it.",
      "retweeted": false,
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "92"
      ],
      "favorite_count": "0",
      "retweet_count": "0",
      "lang": "en",
      "source": "Twitter Web App",
      "truncated": false,
      "favorited": false
    }
  },
  {
    "tweet": {
      "id_str": "1700000000000000003",
      "id": "1700000000000000003",
      "created_at": "Wed Jan 10 23:05:00 +0000 2024",
      "full_text": "Another night shift. Raid on Monday at 6am on the Hollybush estate, should be a good one, keep it quiet lads",
      "retweeted": false,
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "108"
      ],
      "favorite_count": "0",
      "retweet_count": "0",
      "lang": "en",
      "source": "Twitter Web App",
      "truncated": false,
      "favorited": false
    }
  },
  {
    "tweet": {
      "id_str": "1700000000000000004",
      "id": "1700000000000000004",
      "created_at": "Thu Jan 11 12:00:00 +0000 2024",
      "full_text": "What a fucking idiot that driver on the M6 was this morning",
      "retweeted": false,
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "59"
      ],
      "favorite_count": "0",
      "retweet_count": "0",
      "lang": "en",
      "source": "Twitter Web App",
      "truncated": false,
      "favorited": false
    }
  },
  {
    "tweet": {
      "id_str": "1700000000000000005",
      "id": "1700000000000000005",
      "created_at": "Fri Jan 12 17:30:00 +0000 2024",
      "full_text": "@jo_walker happy birthday! See you at the Plough later",
      "retweeted": false,
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "54"
      ],
      "favorite_count": "0",
      "retweet_count": "0",
      "lang": "en",
      "source": "Twitter Web App",
      "truncated": false,
      "favorited": false,
      "in_reply_to_status_id_str": "1699999999999999999",
      "in_reply_to_screen_name": "jo_walker"
    }
  },
  {
    "tweet": {
      "id_str": "1700000000000000006",
      "id": "1700000000000000006",
      "created_at": "Sat Jan 13 10:00:00 +0000 2024",
      "full_text": "Proud to wear the West Midlands Police badge for ten years today",
      "retweeted": false,
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "64"
      ],
      "favorite_count": "0",
      "retweet_count": "0",
      "lang": "en",
      "source": "Twitter Web App",
      "truncated": false,
      "favorited": false
    }
  }
]
