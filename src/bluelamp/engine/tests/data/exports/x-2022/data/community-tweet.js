window.YTD.community_tweet.part0 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1520000000000000008"
          ],
          "editableUntil" : "2022-05-01T10:00:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "display_text_range" : [
        "0",
        "15"
      ],
      "favorite_count" : "3",
      "id_str" : "1520000000000000008",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1520000000000000008",
      "created_at" : "Sun May 01 16:00:00 +0000 2022",
      "favorited" : false,
      "full_text" : "Hello community",
      "lang" : "en",
      "community_id_str" : "1500000000000000000"
    }
  }
]