window.YTD.deleted_tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1520000000000000007"
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
        "29"
      ],
      "favorite_count" : "3",
      "id_str" : "1520000000000000007",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1520000000000000007",
      "created_at" : "Sun May 01 15:00:00 +0000 2022",
      "favorited" : false,
      "full_text" : "Wrong date in this one, sorry",
      "lang" : "en",
      "deleted_at" : "Sun May 01 15:05:09 +0000 2022"
    }
  }
]